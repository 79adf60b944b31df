import type { DataSource } from 'typeorm';

/** The two database engines a `storage.url` can name. */
export type Engine = 'sqlite' | 'postgres';

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const ANY_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** `postgres://…` / `postgresql://…` → postgres; a path (or `:memory:`) → sqlite; any other scheme is an error. */
export function engineOf(url: string): Engine {
  if (POSTGRES_URL.test(url)) return 'postgres';
  if (ANY_URL.test(url)) throw new Error(`unsupported storage.url scheme in "${redactUrl(url)}": use a SQLite file path or a postgres:// URL`);
  return 'sqlite';
}

/** SQLite through either driver (sqlite3: asynchronous; better-sqlite3: synchronous, see createDataSource's inlineWriter). */
export function engineOfDataSource(ds: DataSource): Engine {
  const type = ds.options.type;
  if (type === 'sqlite' || type === 'better-sqlite3') return 'sqlite';
  if (type === 'postgres') return 'postgres';
  throw new Error(`unsupported DataSource type "${type}"`);
}

/** The URL with any password replaced by `***`, fit for logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
