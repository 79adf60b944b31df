import { PersistenceError } from '../errors';

const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Every timestamp is stored as a canonical ISO-8601 UTC string (`2025-01-31T12:00:00.000Z`, 24 chars):
 * same width everywhere, so text order is time order on both engines.
 */
export function toIso(value: string | Date, what = 'timestamp'): string {
  if (typeof value === 'string' && CANONICAL_ISO.test(value)) return value;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new PersistenceError(`invalid ${what}: ${JSON.stringify(value)}`);
  return d.toISOString();
}

export function toIsoOrNull(value: string | Date | null | undefined, what?: string): string | null {
  return value === null || value === undefined || value === '' ? null : toIso(value, what);
}

/** Finite numbers pass; NaN, ±Infinity, null and undefined become NULL (so NOT NULL columns reject them on both engines). */
export function num(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Reads a numeric column: PostgreSQL returns bigint (and numeric) as strings. */
export function readNum(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

export function readNumOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : readNum(value);
}

/** SQLite returns booleans as 0/1. */
export function readBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

export function readJson<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string' || value === '') return fallback;
  return JSON.parse(value) as T;
}

export function writeJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
