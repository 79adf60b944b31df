import { preview } from '../gamma/gamma-market.parser';

export interface PricePoint {
  /** epoch seconds */
  readonly t: number;
  readonly price: number;
}

export interface ParsedHistory {
  readonly points: PricePoint[];
  /** points dropped, with why */
  readonly rejected: string[];
}

/** Parses CLOB GET /prices-history `{history:[{t,p}]}`; bad points are dropped one by one, with a reason. */
export function parsePriceHistory(raw: unknown): ParsedHistory | { error: string } {
  const history = (raw as { history?: unknown })?.history;
  if (!Array.isArray(history)) return { error: `history: missing or not a list, got ${preview(raw)}` };
  const points: PricePoint[] = [];
  const rejected: string[] = [];
  history.forEach((p, i) => {
    const t = Number((p as { t?: unknown })?.t);
    const price = Number((p as { p?: unknown })?.p);
    if (!Number.isInteger(t) || t <= 0 || !Number.isFinite(price)) rejected.push(`history[${i}]: bad point ${preview(p)}`);
    else points.push({ t, price });
  });
  return { points, rejected };
}
