import type { DataSource, QueryRunner } from 'typeorm';
import { engineOfDataSource } from '../engine';

/**
 * TypeORM's SQLite drivers have ONE connection shared by every query runner: a statement issued while
 * another caller's transaction is open runs inside that transaction (and is rolled back with it), and a
 * second BEGIN fails. So on SQLite every store operation is queued per DataSource; PostgreSQL uses its
 * pool and runs them concurrently.
 */
const queues = new WeakMap<DataSource, Promise<unknown>>();

export function runExclusive<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  if (engineOfDataSource(ds) !== 'sqlite') return work();
  const previous = queues.get(ds) ?? Promise.resolve();
  const result = previous.then(work, work);
  queues.set(ds, result.then(() => undefined, () => undefined));
  return result;
}

/** Runs `work` with a query runner of its own (released afterwards), serialized on SQLite. */
export function withRunner<T>(ds: DataSource, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  return runExclusive(ds, async () => {
    const runner = ds.createQueryRunner();
    try {
      return await work(runner);
    } finally {
      await runner.release();
    }
  });
}

/**
 * One transaction: committed when `work` resolves, rolled back when it throws. Serialized on SQLite —
 * so inside `work` use only `runner`: a store call on the same DataSource would wait for this very
 * transaction to end.
 */
export function withTransaction<T>(ds: DataSource, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
  return withRunner(ds, async (runner) => {
    await runner.startTransaction();
    try {
      const result = await work(runner);
      await runner.commitTransaction();
      return result;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw err;
    }
  });
}

/** Rows and affected-row count of one statement, the same shape on both engines. */
export async function execute(runner: QueryRunner, sql: string, params: unknown[] = []): Promise<{ rows: Record<string, unknown>[]; affected: number }> {
  const result = await runner.query(sql, params, true);
  return { rows: (result.records ?? []) as Record<string, unknown>[], affected: result.affected ?? 0 };
}
