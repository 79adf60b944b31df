import { ParseOutcome, finiteNumber, preview } from '../gamma/gamma-market.parser';

export type Level = readonly [price: number, size: number];

export interface ParsedBook {
  readonly tokenId: string;
  readonly marketConditionId: string | null;
  readonly timestampMs: number | null;
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
  readonly mid: number | null;
  readonly spread: number | null;
  /** total size on each side (shares) */
  readonly bidDepth: number;
  readonly askDepth: number;
  /** best first, at most `maxLevels` */
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

/**
 * Parses one CLOB order book. The CLOB sends prices and sizes as strings and orders bids
 * ascending / asks descending (best last), so best prices are computed, never assumed by position.
 */
export function parseBook(raw: unknown, maxLevels = 20): ParseOutcome<ParsedBook> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: `book is not an object: ${preview(raw)}` };
  const r = raw as Record<string, unknown>;
  if (typeof r.asset_id !== 'string' || !r.asset_id) return { ok: false, reason: `asset_id: missing, got ${preview(r.asset_id)}` };
  try {
    const bids = levels(r.bids, 'bids').sort((a, b) => b[0] - a[0]);
    const asks = levels(r.asks, 'asks').sort((a, b) => a[0] - b[0]);
    const bestBid = bids[0]?.[0] ?? null;
    const bestAsk = asks[0]?.[0] ?? null;
    const both = bestBid !== null && bestAsk !== null;
    const ts = typeof r.timestamp === 'string' || typeof r.timestamp === 'number' ? Number(r.timestamp) : NaN;
    return {
      ok: true,
      value: {
        tokenId: r.asset_id,
        marketConditionId: typeof r.market === 'string' ? r.market : null,
        timestampMs: Number.isFinite(ts) ? ts : null,
        bestBid,
        bestAsk,
        mid: both ? round((bestBid + bestAsk) / 2) : null,
        spread: both ? round(bestAsk - bestBid) : null,
        bidDepth: round(bids.reduce((s, l) => s + l[1], 0)),
        askDepth: round(asks.reduce((s, l) => s + l[1], 0)),
        bids: bids.slice(0, maxLevels),
        asks: asks.slice(0, maxLevels),
      },
    };
  } catch (err) {
    return { ok: false, reason: `token ${r.asset_id}: ${(err as Error).message}` };
  }
}

function levels(v: unknown, side: string): [number, number][] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new Error(`${side}: not a list, got ${preview(v)}`);
  return v.map((l, i) => {
    const level = l as { price?: unknown; size?: unknown };
    const price = finiteNumber(level?.price, `${side}[${i}].price`);
    const size = finiteNumber(level?.size, `${side}[${i}].size`);
    if (size < 0) throw new Error(`${side}[${i}].size: must not be negative, got ${size}`);
    return [price, size];
  });
}

/** Removes binary float noise (0.046 - 0.002 = 0.044000000000000004). */
function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
