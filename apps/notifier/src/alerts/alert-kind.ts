import type { AlertKindsConfig } from '@polytrader/platform';

/** Every kind of alert; the keys of `alerts.kinds` in config.yaml. */
export type AlertKind = keyof AlertKindsConfig;

/** A formatted alert before it is addressed to chats. `key` identifies it for deduplication. */
export interface AlertDraft {
  /** unique per alert: `<kind>:<event id>` (or the health transition / summary period) */
  readonly key: string;
  readonly kind: AlertKind;
  /** HTML parse mode, every dynamic part escaped */
  readonly text: string;
}

/**
 * The outbox order of a chat (lower first, then arrival): the EMERGENCY (kill) alert before any other
 * message, then resets and command replies, then health, then the rest.
 */
export const PRIORITY = { emergency: 0, reset: 1, reply: 1, health: 2, other: 3, refusal: 3 } as const;

export function priorityOf(kind: AlertKind): number {
  if (kind === 'emergency') return PRIORITY.emergency;
  if (kind === 'reset') return PRIORITY.reset;
  if (kind === 'health') return PRIORITY.health;
  return PRIORITY.other;
}

export const PARSE_MODE = 'HTML';
