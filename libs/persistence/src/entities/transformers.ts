import type { ValueTransformer } from 'typeorm';

/** JSON kept as TEXT on both engines: stringified on write, parsed on read. */
export function jsonText<T>(): ValueTransformer {
  return {
    to: (value: T | null | undefined) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
    from: (value: string | null) => (value === null || value === undefined ? value : (JSON.parse(value) as T)),
  };
}

/** bigint columns hold epoch seconds: PostgreSQL hands them back as strings, SQLite as numbers. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};
