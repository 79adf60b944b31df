/**
 * Keeps the bot token out of everything the notifier writes: log lines, `alert_outbox.last_error`,
 * `alerts.error`. Network errors of telegraf's client name the request URL, which is
 * `<api root>/bot<token>/<method>`, in their message, their stack and their causes.
 */
export class TokenScrubber {
  private readonly forms: string[];

  constructor(token: string | null | undefined) {
    const t = token ?? '';
    // the token as written, URL-encoded (':' → %3A) and, for a token without ':', nothing more
    this.forms = t.length >= 8 ? [...new Set([t, encodeURIComponent(t), encodeURIComponent(t).replace(/%3A/g, '%3a')])] : [];
  }

  text(s: string): string {
    let out = s;
    for (const f of this.forms) out = out.split(f).join('[token]');
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
      const e = new Error(this.text(v.message));
      seen.set(v, e);
      e.name = v.name;
      e.stack = typeof v.stack === 'string' ? this.text(v.stack) : undefined;
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
