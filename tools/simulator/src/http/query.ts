/** A query parameter that cannot be read; each API turns it into its own 400. */
export class QueryError extends Error {
  override readonly name = 'QueryError';

  constructor(readonly param: string, readonly value: string, message: string) {
    super(message);
  }
}

export function intParam(q: URLSearchParams, name: string, fallback: number, min = 0): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new QueryError(name, raw, `${name}: must be an integer >= ${min}, got "${raw}"`);
  return v;
}

export function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const raw = q.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new QueryError(name, raw, `${name}: must be true or false, got "${raw}"`);
}

/** A repeatable parameter, also accepting comma-separated values: id=1&id=2 or id=1,2. */
export function listParam(q: URLSearchParams, name: string): string[] {
  return q.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
