interface Entry<T> {
  readonly value: Promise<T>;
  readonly until: number;
}

/**
 * Identical reads within `ttlMs` share one query: concurrent callers wait on the one in flight, later
 * ones get its answer until it is `ttlMs` old. Twenty dashboards polling the same page cost one query,
 * not twenty, and the writer never waits behind a crowd of readers. A failed read is not kept.
 */
export class ReadCache {
  private readonly entries = new Map<string, Entry<unknown>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key) as Entry<T> | undefined;
    if (hit && hit.until > this.now()) return hit.value;
    const value = load();
    // until the load settles, its promise is the answer for everyone; then fresh for ttlMs
    this.entries.delete(key);
    this.entries.set(key, { value, until: Number.POSITIVE_INFINITY });
    value.then(
      () => { if (this.entries.get(key)?.value === value) this.entries.set(key, { value, until: this.now() + this.ttlMs }); },
      () => { if (this.entries.get(key)?.value === value) this.entries.delete(key); },
    );
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
