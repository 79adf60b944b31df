import { TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

// Column helpers. Types are chosen to exist, with the same meaning, on SQLite and PostgreSQL:
// varchar/text for strings and JSON (stringified), varchar(32) for ISO-8601 UTC times,
// double precision for prices and sizes, integer for counts, bigint for epoch seconds.
export const str = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', isNullable: nullable });
export const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
export const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '32', isNullable: nullable });
export const short = (name: string, length: number): TableColumnOptions => ({ name, type: 'varchar', length: String(length) });
export const dbl = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'double precision', isNullable: nullable });
export const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
export const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
export const key = (column: TableColumnOptions, table: string): TableColumnOptions => ({ ...column, isPrimary: true, primaryKeyConstraintName: `PK_${table}` });
export const index = (table: string, suffix: string, columnNames: string[]) => new TableIndex({ name: `IDX_${table}_${suffix}`, columnNames });
export const toMarket = (table: string) =>
  new TableForeignKey({
    name: `FK_${table}_market`, columnNames: ['market_id'], referencedTableName: 'markets', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION',
  });

