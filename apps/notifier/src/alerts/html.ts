/**
 * Telegram's HTML parse mode needs only &, < and > escaped in text (and " inside attributes); every
 * dynamic part of a message — market titles, reasons, numbers — goes through `esc`, so no title can
 * break a message.
 */
export function esc(value: unknown): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Fixed decimals; "n/a" for a missing or non-finite number. */
export function fixed(value: number | null | undefined, digits = 2): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Fixed decimals with an explicit sign: +1.23, -1.23, 0.00. */
export function signed(value: number | null | undefined, digits = 2): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'n/a';
  const text = value.toFixed(digits);
  return value > 0 && Number(text) !== 0 ? `+${text}` : text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text;
}

/** A share in [0, 1] as a whole percentage: 0.724 → 72%. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Up to `max` items joined, then "(+n more)". */
export function listed(items: readonly string[], max: number, sep = ', '): string {
  const shown = items.slice(0, max).join(sep);
  return items.length > max ? `${shown} (+${items.length - max} more)` : shown;
}
