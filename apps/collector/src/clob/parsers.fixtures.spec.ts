import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseGammaMarket } from '../gamma/gamma-market.parser';
import { apiErrorMessage } from './api-error.parser';
import { parseBook } from './book.parser';
import { parsePriceHistory } from './price-history.parser';

/** The recorded API responses in fixtures/recorded (see its SOURCES.md). */
const FIXTURES = resolve(__dirname, '../../../../fixtures/recorded');
const load = (p: string): unknown => JSON.parse(readFileSync(join(FIXTURES, p), 'utf8'));

/** Every Gamma and CLOB fixture, and the parser that covers it. */
const COVERAGE: Record<string, (raw: unknown) => void> = {
  'gamma/market_by_id_559651_open_tags_rewards.json': (raw) => {
    const r = parseGammaMarket(raw);
    expect(r).toEqual({ ok: true, value: expect.objectContaining({
      id: '559651', slug: 'xi-jinping-out-before-2027', question: 'Xi Jinping out before 2027?', outcomes: ['Yes', 'No'],
      outcomePrices: [0.0455, 0.9545], active: true, closed: false, endDate: '2026-12-31T00:00:00.000Z',
      category: 'world affairs', volume24h: 14542.225487, liquidity: 237253.02375,
    }) });
    if (r.ok) expect(r.value.tokenIds[0]).toBe('32338220190071351435772801779725302244575775216413325951443816017994629993401');
  },
  'gamma/markets_list_one_element_wrapped.json': (raw) => {
    expect(Array.isArray(raw)).toBe(true);
    expect((raw as unknown[]).map(parseGammaMarket).every((r) => r.ok)).toBe(true);
  },
  'gamma/error_404_not_found.json': (raw) => expect(apiErrorMessage(JSON.stringify(raw))).toBe('not found error: id not found'),
  'clob/book_trimmed.json': (raw) => {
    const r = parseBook(raw);
    expect(r).toEqual({ ok: true, value: expect.objectContaining({
      bestBid: 0.002, bestAsk: 0.046, mid: 0.024, spread: 0.044, bidDepth: 12909128.99, askDepth: 1505562.62, timestampMs: 1786863545542,
      bids: [[0.002, 2301172.5], [0.001, 10607956.49]], asks: [[0.046, 2906.87], [0.999, 1502655.75]],
    }) });
  },
  'clob/books_post_array.json': (raw) => {
    expect((raw as unknown[]).map((b) => parseBook(b)).map((r) => r.ok)).toEqual([true]);
  },
  'clob/book_400_missing_token_id.json': (raw) => {
    expect(apiErrorMessage(JSON.stringify(raw))).toBe('Invalid token id');
    expect(parseBook(raw)).toEqual({ ok: false, reason: 'asset_id: missing, got nothing' });
  },
  'clob/prices_history.json': (raw) => {
    expect(parsePriceHistory(raw)).toEqual({ points: [{ t: 1786860613, price: 0.0445 }, { t: 1786861208, price: 0.0455 }], rejected: [] });
  },
};

/**
 * Fixtures of CLOB endpoints the collector does not call (it derives mid, best bid/ask and depth
 * from the books). Listed, so that a new fixture cannot go unnoticed.
 */
const NOT_CALLED = new Set([
  'clob/price.json', 'clob/prices_post.json', 'clob/midpoint.json', 'clob/midpoints_post.json', 'clob/market_by_condition_id.json',
]);

describe('Gamma and CLOB parsers against the recorded fixtures', () => {
  const files = ['gamma', 'clob'].flatMap((dir) => readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`));

  it('should cover every Gamma and CLOB fixture file', () => {
    expect(files.filter((f) => !(f in COVERAGE) && !NOT_CALLED.has(f))).toEqual([]);
  });

  it.each(Object.keys(COVERAGE))('should parse %s', (file) => COVERAGE[file](load(file)));
});
