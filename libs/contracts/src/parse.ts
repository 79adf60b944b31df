import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { compiledCheckFor } from './compiled-check';
import { BaseEvent } from './events/base.event';
import { HeartbeatEvent, MetricsReportEvent } from './events/system.events';
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

type ParsedEvent<S extends string> = S extends keyof EventMap ? EventMap[S] : S extends `system.heartbeat.${string}` ? HeartbeatEvent : S extends `system.metrics.${string}` ? MetricsReportEvent : BaseEvent;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Limits on what parse() accepts, checked before anything walks the payload (JSON.parse,
 * class-transformer, class-validator and the logger all recurse, and a valid JSON array nested
 * thousands deep used to crash every receiver with `RangeError: Maximum call stack size exceeded`).
 * No event comes anywhere near them; a payload over one is rejected as `{ ok: false }`.
 */
/** Largest accepted payload, in UTF-8 bytes (checked before decoding). */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** Deepest accepted nesting of arrays and objects; the top-level object is depth 1. */
export const MAX_PAYLOAD_DEPTH = 32;
/** Longest accepted JSON string (key or value), in characters after unescaping (UTF-16 code units). */
export const MAX_STRING_LENGTH = 64 * 1024;
/** Keys that could reach an object's prototype when the plain payload is copied onto an event. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** How much of a value a FieldProblem or an error message shows. */
const PREVIEW_CHARS = 120;

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
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes, 'utf8') : bytes.byteLength;
  if (size > MAX_PAYLOAD_BYTES) {
    return fail([{ path: '(payload)', message: `too large: ${size} bytes (limit MAX_PAYLOAD_BYTES = ${MAX_PAYLOAD_BYTES})`, value: preview(bytes) }]);
  }
  let text: string;
  try {
    text = typeof bytes === 'string' ? bytes : decoder.decode(bytes);
  } catch (err) {
    return fail([{ path: '(payload)', message: `not UTF-8 JSON (bad UTF-8): ${(err as Error).message}`, value: preview(bytes) }], err);
  }
  const scan = scanJson(text);
  if (scan.depth > MAX_PAYLOAD_DEPTH) {
    return fail([{ path: '(payload)', message: `nested too deep: depth ${scan.depth} (limit MAX_PAYLOAD_DEPTH = ${MAX_PAYLOAD_DEPTH})`, value: preview(text) }]);
  }
  if (scan.longestString > MAX_STRING_LENGTH) {
    return fail([{ path: '(payload)', message: `string too long: ${scan.longestString} characters (limit MAX_STRING_LENGTH = ${MAX_STRING_LENGTH})`, value: preview(text) }]);
  }
  let plain: unknown;
  const forbidden: string[] = [];
  try {
    // A reviver costs on every value, so only when a forbidden key could be present: spelled out, or hidden in a \u escape.
    plain = scan.mayHideKey || hasForbiddenKeyText(text)
      ? JSON.parse(text, (key, value: unknown) => {
        if (FORBIDDEN_KEYS.has(key)) { forbidden.push(key); return undefined; }
        return value;
      })
      : JSON.parse(text);
  } catch (err) {
    return fail([{ path: '(payload)', message: `not UTF-8 JSON: ${(err as Error).message}`, value: preview(text) }], err);
  }
  if (forbidden.length) {
    return fail([{ path: '(payload)', message: `forbidden key(s): ${[...new Set(forbidden)].join(', ')}`, value: preview(text) }]);
  }
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return fail([{ path: '(payload)', message: 'must be a JSON object', value: smallValue(plain) }]);
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
    if (messages.length) out.push({ path, message: messages.join('; '), value: smallValue(e.value) });
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

/**
 * A short JSON-like rendering of any value, at most PREVIEW_CHARS long. Never stringifies the whole
 * value: it stops after the budget and does not descend more than a few levels, so a huge or deeply
 * nested (or cyclic) value costs next to nothing.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value instanceof ValuePreview) return value.text;
  const text = boundedStringify(value, PREVIEW_CHARS + 1);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 3)}...` : text;
}

/** What a FieldProblem carries as `value`: primitives as they are (long strings cut), anything else as a short preview. */
function smallValue(value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > PREVIEW_CHARS ? `${value.slice(0, PREVIEW_CHARS - 3)}...` : value;
  return new ValuePreview(describeValue(value));
}

/** An object or array already shortened by describeValue, so formatting it again does not quote it twice. */
class ValuePreview {
  constructor(readonly text: string) {}
  toJSON(): string { return this.text; }
  toString(): string { return this.text; }
}

const PREVIEW_DEPTH = 4;

function boundedStringify(value: unknown, budget: number): string {
  let out = '';
  const emit = (s: string) => { out += s; return out.length < budget; };
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return emit(String(v));
    if (typeof v === 'string') return emit(JSON.stringify(v.length > budget ? v.slice(0, budget) : v));
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return emit(String(v));
    if (depth >= PREVIEW_DEPTH) return emit(Array.isArray(v) ? '[...]' : '{...}');
    if (Array.isArray(v)) {
      if (!emit('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if ((i && !emit(',')) || !walk(v[i], depth + 1)) return false;
      }
      return emit(']');
    }
    if (!emit('{')) return false;
    let first = true;
    for (const key in v as object) {
      if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
      if ((!first && !emit(',')) || !emit(`${JSON.stringify(key.slice(0, budget))}:`)) return false;
      first = false;
      if (!walk((v as Record<string, unknown>)[key], depth + 1)) return false;
    }
    return emit('}');
  };
  try {
    walk(value, 0);
  } catch {
    return String(out || Object.prototype.toString.call(value));
  }
  return out;
}

/** The start of a raw payload, decoded leniently; only the first few hundred bytes are ever looked at. */
function preview(bytes: Uint8Array | string): string {
  const text = typeof bytes === 'string'
    ? bytes.slice(0, PREVIEW_CHARS)
    : Buffer.from(bytes.subarray(0, PREVIEW_CHARS * 4)).toString('utf8');
  return text.slice(0, PREVIEW_CHARS);
}

interface JsonScan {
  /** deepest nesting of [ and { outside strings */
  depth: number;
  /** longest string, in characters after unescaping */
  longestString: number;
  /** a string holds a \u escape, which could spell a forbidden key */
  mayHideKey: boolean;
}

/**
 * One iterative pass over raw JSON text, before JSON.parse: measures nesting depth and string
 * lengths without recursion, so no payload can exhaust the stack here. It does not validate the
 * JSON (JSON.parse does that next); malformed text just yields whatever it measured. Stops early
 * once both limits are exceeded.
 */
function scanJson(text: string): JsonScan {
  let depth = 0;
  let maxDepth = 0;
  let longest = 0;
  let mayHideKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let len = 0;
      i++;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0x5c /* \ */) {
          if (text.charCodeAt(i + 1) === 0x75 /* u */) { mayHideKey = true; i += 5; } else i++;
        }
        len++;
      }
      if (len > longest) longest = len;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) maxDepth = depth;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
    if (maxDepth > MAX_PAYLOAD_DEPTH && longest > MAX_STRING_LENGTH) break;
  }
  return { depth: maxDepth, longestString: longest, mayHideKey };
}

function hasForbiddenKeyText(text: string): boolean {
  for (const key of FORBIDDEN_KEYS) if (text.includes(`"${key}"`)) return true;
  return false;
}

export type { BaseEvent };
