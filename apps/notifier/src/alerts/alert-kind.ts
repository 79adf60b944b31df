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

/** Emergency and reset jump the queue; health next; the rest in order of arrival. */
export function priorityOf(kind: AlertKind): number {
  if (kind === 'emergency' || kind === 'reset') return 0;
  if (kind === 'health') return 1;
  return 2;
}

export const PARSE_MODE = 'HTML';
