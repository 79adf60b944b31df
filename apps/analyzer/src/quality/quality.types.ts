import { QualityKind } from '@polytrader/contracts';

export interface SnapshotPoint {
  readonly marketId: string;
  readonly cycleId: string;
  readonly ts: string;
  readonly outcomePrices: readonly number[];
}

export interface BookPoint {
  readonly marketId: string;
  readonly tokenId: string;
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
}

export interface MarketIdentity {
  readonly id: string;
  readonly conditionId: string;
  readonly tokenIds: readonly string[];
}

export interface QualitySettings {
  readonly outcomeSumTolerance: number;
  readonly staleAfterCycles: number;
  readonly spikeZ: number;
  readonly intervalMinutes: number;
}

/** One cycle's data plus each market's earlier snapshots (oldest first, this cycle excluded). */
export interface QualityInput {
  readonly cycleId: string;
  readonly latest: readonly SnapshotPoint[];
  readonly previous: ReadonlyMap<string, readonly SnapshotPoint[]>;
  readonly books: readonly BookPoint[];
  readonly markets: readonly MarketIdentity[];
  readonly settings: QualitySettings;
}

export type Severity = 'info' | 'warning' | 'error';

export interface QualityIssue {
  readonly marketId: string;
  readonly cycleId: string;
  readonly kind: QualityKind;
  readonly severity: Severity;
  readonly detail: string;
}
