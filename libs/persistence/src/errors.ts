/** Every failure of this lib: what was being done, the engine's own error kept as `cause`. */
export class PersistenceError extends Error {
  override readonly name: string = 'PersistenceError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The database could not be opened or set up as required (unreachable server, WAL refused, bad URL). */
export class DatabaseSetupError extends PersistenceError {
  override readonly name: string = 'DatabaseSetupError';
}

/** An error's message, or the thrown value as text. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  // an error of another realm (a native addon's error class created in another VM context) is not instanceof Error
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}
