/**
 * The message inside an API error body: CLOB `{"error":"Invalid token id"}`,
 * Gamma `{"type":"not found error","error":"id not found"}`, X `{"title","detail"}`,
 * Telegram `{"description"}`. Falls back to the raw text.
 */
export function apiErrorMessage(body: string): string {
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    const parts = [j.type, j.error, j.title, j.detail, j.description].filter((x): x is string => typeof x === 'string' && x !== '');
    if (parts.length) return [...new Set(parts)].join(': ');
  } catch {
    /* not JSON: use the text */
  }
  return body.slice(0, 200);
}
