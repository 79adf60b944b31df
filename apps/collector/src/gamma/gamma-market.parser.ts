/** A Gamma market reduced to what the system uses, every field checked. */
export interface ParsedMarket {
  readonly id: string;
  readonly conditionId: string;
  readonly slug: string;
  readonly question: string;
  readonly category: string | null;
  readonly tags: readonly string[];
  readonly endDate: string | null;
  readonly active: boolean;
  readonly closed: boolean;
  readonly outcomes: readonly string[];
  readonly tokenIds: readonly string[];
  /** as published; values outside [0,1] are kept for the quality checks to flag */
  readonly outcomePrices: readonly number[];
  readonly volume24h: number | null;
  readonly liquidity: number | null;
}

export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A field that could not be read: its name and what came instead. */
class FieldError extends Error {}

/**
 * Parses one element of Gamma's GET /markets. Gamma sends `outcomes`, `outcomePrices` and
 * `clobTokenIds` as JSON-encoded strings and most numbers as strings; both forms are accepted.
 * A record that cannot be used is rejected alone, with the field and value named.
 */
export function parseGammaMarket(raw: unknown): ParseOutcome<ParsedMarket> {
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new FieldError(`market is not an object: ${preview(raw)}`);
    const r = raw as Record<string, unknown>;
    const id = requiredId(r.id);
    const outcomes = stringList(r.outcomes, 'outcomes');
    const tokenIds = stringList(r.clobTokenIds, 'clobTokenIds');
    const outcomePrices = stringList(r.outcomePrices, 'outcomePrices').map((p, i) => finiteNumber(p, `outcomePrices[${i}]`));
    if (outcomes.length < 2) throw new FieldError(`outcomes: need at least 2, got ${preview(r.outcomes)}`);
    if (tokenIds.length !== outcomes.length || outcomePrices.length !== outcomes.length) {
      throw new FieldError(`outcomes/outcomePrices/clobTokenIds lengths differ: ${outcomes.length}/${outcomePrices.length}/${tokenIds.length}`);
    }
    const tags = tagLabels(r.tags);
    return {
      ok: true,
      value: {
        id,
        conditionId: requiredString(r.conditionId, 'conditionId'),
        slug: optionalString(r.slug) ?? '',
        question: requiredString(r.question, 'question'),
        category: optionalString(r.category) ?? tags[0] ?? null,
        tags,
        endDate: isoOrNull(r.endDate ?? r.endDateIso),
        active: bool(r.active, 'active', true),
        closed: bool(r.closed, 'closed', false),
        outcomes,
        tokenIds,
        outcomePrices,
        volume24h: nonNegativeOrNull(r.volume24hr ?? r.volume24hrClob, 'volume24hr'),
        liquidity: nonNegativeOrNull(r.liquidityNum ?? r.liquidity, 'liquidity'),
      },
    };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, reason: err.message };
    throw err;
  }
}

function requiredId(v: unknown): string {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'string' && v.trim()) return v.trim();
  throw new FieldError(`id: missing or empty, got ${preview(v)}`);
}

function requiredString(v: unknown, field: string): string {
  if (typeof v === 'string' && v.trim()) return v;
  throw new FieldError(`${field}: missing or empty, got ${preview(v)}`);
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v : undefined;
}

/** An array, or a JSON-encoded string of an array, of strings (numbers are stringified). */
function stringList(v: unknown, field: string): string[] {
  let list: unknown = v;
  if (typeof v === 'string') {
    try {
      list = JSON.parse(v);
    } catch {
      throw new FieldError(`${field}: not a JSON array, got ${preview(v)}`);
    }
  }
  if (!Array.isArray(list)) throw new FieldError(`${field}: missing or not a list, got ${preview(v)}`);
  return list.map((x, i) => {
    if (typeof x === 'string' && x.trim()) return x.trim();
    if (typeof x === 'number' && Number.isFinite(x)) return String(x);
    throw new FieldError(`${field}[${i}]: not a string, got ${preview(x)}`);
  });
}

export function finiteNumber(v: unknown, field: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new FieldError(`${field}: not a number, got ${preview(v)}`);
  return n;
}

function nonNegativeOrNull(v: unknown, field: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  const n = finiteNumber(v, field);
  if (n < 0) throw new FieldError(`${field}: must not be negative, got ${preview(v)}`);
  return n;
}

function bool(v: unknown, field: string, fallback: boolean): boolean {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new FieldError(`${field}: not a boolean, got ${preview(v)}`);
}

function isoOrNull(v: unknown): string | null {
  if (typeof v !== 'string' || !v.trim()) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function tagLabels(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v
    .map((t) => (typeof t === 'object' && t !== null ? (t as { label?: unknown }).label : t))
    .filter((l): l is string => typeof l === 'string' && l.trim() !== '');
}

export function preview(v: unknown): string {
  let s: string;
  try {
    s = v === undefined ? 'nothing' : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
