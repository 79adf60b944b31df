import type { CycleBatch } from '@polytrader/persistence';

/** Where a cycle's data goes. The collector service wires the database; `collect --once` may run without one. */
export interface CycleStore {
  saveCycle(batch: CycleBatch): Promise<unknown>;
  /** of the given token ids, those that already have stored price history */
  tokensWithHistory(tokenIds: readonly string[]): Promise<Set<string>>;
}

export interface CyclePublisher {
  publish(subject: string, event: object): Promise<void>;
}
