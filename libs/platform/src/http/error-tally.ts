import { ApiErrorCount } from '@polytrader/contracts';
import { ApiCallError } from './errors';

/** Counts a cycle's failed calls by API and kind, for the cycle summary. */
export class ErrorTally {
  private readonly counts = new Map<string, ApiErrorCount>();

  add(api: string, err: unknown): void {
    const kind = err instanceof ApiCallError ? err.kind : 'invalid_response';
    const key = `${api}:${kind}`;
    const entry = this.counts.get(key);
    if (entry) entry.count++;
    else this.counts.set(key, { api, kind, count: 1 });
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c.count;
    return n;
  }

  list(): ApiErrorCount[] {
    return [...this.counts.values()];
  }
}
