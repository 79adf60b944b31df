import { ApiClient, ErrorTally } from '@polytrader/platform';

export interface MarketPages {
  readonly raw: unknown[];
  /** true when every page arrived; false when paging stopped at an error */
  readonly complete: boolean;
}

/**
 * All active, open markets from Gamma GET /markets, page by page (limit/offset) until a short
 * page. A page that fails after retries ends the paging: the cycle goes on with what it has.
 */
export async function fetchMarketPages(gamma: ApiClient, pageSize: number, signal: AbortSignal, tally: ErrorTally): Promise<MarketPages> {
  const raw: unknown[] = [];
  for (let offset = 0; ; offset += pageSize) {
    signal.throwIfAborted();
    let page: unknown;
    try {
      page = (await gamma.getJson('/markets', { limit: pageSize, offset, active: true, closed: false }, signal)).data;
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      tally.add('gamma', err);
      return { raw, complete: false };
    }
    if (!Array.isArray(page)) {
      tally.add('gamma', new Error('page is not a list'));
      return { raw, complete: false };
    }
    raw.push(...page);
    if (page.length < pageSize) return { raw, complete: true };
  }
}
