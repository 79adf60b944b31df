/** Helpers for the simulator's own specs (not part of the build). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, Simulator, SimulatorOptions } from '../index';

/** A fixed clock for byte-identical answers: 2026-08-16T08:48:06.699Z (the Gamma fixture's updatedAt). */
export const FIXED_NOW = Date.UTC(2026, 7, 16, 8, 48, 6, 699);

/** The repository's recorded API responses (fixtures/recorded, see its SOURCES.md). */
const RECORDED = join(__dirname, '../../../../fixtures/recorded');

/** A recorded response by `<api>_<file>`, e.g. `clob_book_trimmed.json` → fixtures/recorded/clob/book_trimmed.json. */
export function fixture<T = unknown>(name: string): T {
  const cut = name.indexOf('_');
  return JSON.parse(readFileSync(join(RECORDED, name.slice(0, cut), name.slice(cut + 1)), 'utf8')) as T;
}

export interface Got<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** fetch + read; `body` is the parsed JSON when the answer parses, else undefined. */
export async function req<T = unknown>(url: string, init?: RequestInit): Promise<Got<T>> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    body = undefined as T;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export const postJson = <T = unknown>(url: string, payload: unknown, headers: Record<string, string> = {}) =>
  req<T>(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });

/** JSON type of a value: 'null', 'array', or typeof. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** For the keys both objects have: key → [fixture type, actual type], only where they differ. */
export function typeMismatches(fixtureObj: Record<string, unknown>, actual: Record<string, unknown>): Record<string, [string, string]> {
  const out: Record<string, [string, string]> = {};
  for (const key of Object.keys(fixtureObj)) {
    if (!(key in actual)) continue;
    const a = jsonType(fixtureObj[key]);
    const b = jsonType(actual[key]);
    if (a !== b) out[key] = [a, b];
  }
  return out;
}

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Starts a simulator on a free port with a fixed clock unless told otherwise; remember to close it. */
export function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ now: () => FIXED_NOW, ...options });
}

export interface GammaMarketRow {
  id: string;
  slug: string;
  clobTokenIds: string;
  outcomePrices: string;
  bestBid: number;
  bestAsk: number;
  active: boolean;
  closed: boolean;
  [key: string]: unknown;
}
