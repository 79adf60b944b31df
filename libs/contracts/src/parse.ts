import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { compiledCheckFor } from './compiled-check';
import { BaseEvent } from './events/base.event';
import { HeartbeatEvent } from './events/system.events';
import { EventMap, eventClassFor, supportedVersions } from './registry';

/** One field that failed validation: its dotted path, what was wrong, and the value received. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
  readonly value: unknown;
}

/** A bus payload that is not a valid event for its subject. */
export class ContractValidationError extends Error {
  override readonly name = 'ContractValidationError';
  constructor(
    readonly subject: string,
    readonly problems: readonly FieldProblem[],
    options?: { cause?: unknown },
  ) {
    super(`invalid ${subject} payload: ${problems.map(formatProblem).join('; ')}`, options);
  }
}

export type ParseResult<T> = { ok: true; event: T } | { ok: false; error: ContractValidationError };

type ParsedEvent<S extends string> = S extends keyof EventMap ? EventMap[S] : S extends `system.heartbeat.${string}` ? HeartbeatEvent : BaseEvent;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes and validates one bus message. Never throws: a bad payload comes back as
 * `{ ok: false, error }` naming every field at fault, so receivers can dead-letter it.
 */
export function parse<S extends string>(subject: S, bytes: Uint8Array | string): ParseResult<ParsedEvent<S>> {
  const fail = (problems: FieldProblem[], cause?: unknown) => ({
    ok: false as const,
    error: new ContractValidationError(subject, problems, { cause }),
  });
  const cls = eventClassFor(subject);
  if (!cls) return fail([{ path: '(subject)', message: 'no contract for this subject', value: subject }]);
  let plain: unknown;
  try {
    plain = JSON.parse(typeof bytes === 'string' ? bytes : decoder.decode(bytes));
  } catch (err) {
    return fail([{ path: '(payload)', message: `not UTF-8 JSON: ${(err as Error).message}`, value: preview(bytes) }], err);
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return fail([{ path: '(payload)', message: 'must be a JSON object', value: plain }]);
  }
  const versions = supportedVersions(subject);
  // The common case, a valid event of a flat class, without validateSync's cost (see compiledCheckFor);
  // anything it does not pass goes the full way, which names every problem.
  const check = compiledCheckFor(cls);
  if (check) {
    const event = Object.assign(new cls(), plain);
    if (check(event) && versions.includes(event.v)) return { ok: true, event: event as ParsedEvent<S> };
  }
  const event = plainToInstance(cls, plain);
  const problems = flattenValidationErrors(validateSync(event, { forbidUnknownValues: true }));
  if (typeof event.v === 'number' && !versions.includes(event.v)) {
    problems.push({ path: 'v', message: `unsupported version (supported: ${versions.join(', ')})`, value: event.v });
  }
  return problems.length ? fail(problems) : { ok: true, event: event as ParsedEvent<S> };
}

/** Serializes an event as plain UTF-8 JSON: the wire format of every subject. */
export function encode(event: object): Uint8Array {
  return Buffer.from(JSON.stringify(event), 'utf8');
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const messages = Object.values(e.constraints ?? {}).map((m) => stripProperty(m, e.property));
    if (messages.length) out.push({ path, message: messages.join('; '), value: e.value });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

/** class-validator starts its default messages with the property name, which the path already says. */
function stripProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

export function formatProblem(p: FieldProblem): string {
  return `${p.path}: ${p.message}, got ${describeValue(p.value)}`;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : safeStringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function preview(bytes: Uint8Array | string): string {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  return text.slice(0, 120);
}

export type { BaseEvent };
