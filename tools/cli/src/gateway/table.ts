import Table from 'cli-table3';

export type Cell = string | number | null | undefined;

/** The CLI's one table style (as status and calendar draw): plain borders, no colours, so pipes and tests read it. */
export function renderTable(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const table = new Table({ head: [...head], style: { head: [], border: [] } });
  for (const r of rows) table.push(r.map((c) => (c === null || c === undefined ? '' : String(c))));
  return `${table.toString()}\n`;
}

/** A number for a table: at most `digits` decimals, '' for null. */
export function fixed(n: number | null | undefined, digits = 3): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return String(Math.round(n * 10 ** digits) / 10 ** digits);
}

/** `2026-11-30T10:00:00.000Z` → `2026-11-30 10:00` (UTC), '' for null. */
export function minute(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').slice(0, 16) : '';
}

/** Cut to `max` characters with an ellipsis. */
export function cut(text: string | null | undefined, max: number): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
