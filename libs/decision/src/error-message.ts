/**
 * An error's message, or the thrown value as text — the rule of persistence's `messageOf`, kept here because
 * this lib takes only types from @polytrader/persistence (loading it would load TypeORM). Errors reach the
 * decision code through its ports (a store read, a venue), so one of another realm (a native addon's error
 * class from another VM context, not `instanceof Error`) still gives its message.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}
