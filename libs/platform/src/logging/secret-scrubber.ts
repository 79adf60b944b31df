/** Shortest value treated as a secret. */
export const MIN_SECRET_CHARS = 4;

/**
 * Keeps secret values out of what a service writes: log lines (every service's logger, see
 * create-logger) and stored error texts (the notifier's `alert_outbox.last_error`, `alerts.error`).
 * Network errors name the request URL — Telegram's is `<api root>/bot<token>/<method>` — in their
 * message, their stack and their causes, so errors are scrubbed to any depth, not just their message.
 */
export class SecretScrubber {
  private readonly forms: string[];

  /** Values shorter than MIN_SECRET_CHARS are ignored (they would match ordinary text). */
  constructor(secrets: readonly (string | null | undefined)[], private readonly replacement = '[redacted]') {
    const forms = new Set<string>();
    for (const t of secrets) {
      if (!t || t.length < MIN_SECRET_CHARS) continue;
      // as written, and URL-encoded (':' → %3A, either case)
      forms.add(t).add(encodeURIComponent(t)).add(encodeURIComponent(t).replace(/%3A/g, '%3a'));
    }
    this.forms = [...forms];
  }

  /** Nothing to scrub: callers can skip the work. */
  get empty(): boolean {
    return this.forms.length === 0;
  }

  text(s: string): string {
    let out = s;
    for (const f of this.forms) if (out.includes(f)) out = out.split(f).join(this.replacement);
    return out;
  }

  /**
   * A copy of an error with every string scrubbed — message, stack, own properties (code, url, …),
   * `cause` and AggregateError's `errors`, nested to any depth — for logging or storing. Not an Error
   * itself stays a string (scrubbed).
   */
  error(err: unknown): unknown {
    return this.copy(err, new Map(), 0);
  }

  /** The scrubbed message of an error (or the text of anything else). */
  message(err: unknown): string {
    return this.text(err instanceof Error ? err.message : typeof err === 'object' && err !== null && 'message' in err ? String((err as { message: unknown }).message) : String(err));
  }

  private copy(v: unknown, seen: Map<object, unknown>, depth: number): unknown {
    if (typeof v === 'string') return this.text(v);
    if (typeof v !== 'object' || v === null) return typeof v === 'function' ? undefined : v;
    if (seen.has(v)) return seen.get(v);
    if (depth > 8) return '[too deep]';
    if (Array.isArray(v)) {
      const arr: unknown[] = [];
      seen.set(v, arr);
      for (const x of v.slice(0, 50)) arr.push(this.copy(x, seen, depth + 1));
      return arr;
    }
    if (v instanceof Error) {
      // same prototype, so the copy is still a WriterLeaseHeldError (the logger names the type from it)
      const e = Object.create(Object.getPrototypeOf(v) as object) as Error;
      seen.set(v, e);
      const hidden = (key: string, value: unknown) => Object.defineProperty(e, key, { value, enumerable: false, writable: true, configurable: true });
      hidden('message', this.text(v.message));
      if (Object.prototype.hasOwnProperty.call(v, 'name')) hidden('name', v.name);
      hidden('stack', typeof v.stack === 'string' ? this.text(v.stack) : undefined);
      const target = e as unknown as Record<string, unknown>;
      for (const key of Object.keys(v)) {
        if (key === 'message' || key === 'stack' || key === 'name') continue;
        target[key] = this.copy((v as unknown as Record<string, unknown>)[key], seen, depth + 1);
      }
      // not enumerable on native errors: copied explicitly
      if ('cause' in v && v.cause !== undefined) Object.defineProperty(e, 'cause', { value: this.copy(v.cause, seen, depth + 1), enumerable: true, writable: true, configurable: true });
      const errors = (v as { errors?: unknown }).errors;
      if (Array.isArray(errors)) target.errors = this.copy(errors, seen, depth + 1);
      return e;
    }
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const key of Object.keys(v).slice(0, 100)) out[key] = this.copy((v as Record<string, unknown>)[key], seen, depth + 1);
    return out;
  }
}
