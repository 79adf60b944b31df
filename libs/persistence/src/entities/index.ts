import { AlertEntity } from './alert.entity';
import { BookSummaryEntity } from './book-summary.entity';
import { HypeScoreEntity } from './hype-score.entity';
import { MarketSnapshotEntity } from './market-snapshot.entity';
import { MarketEntity } from './market.entity';
import { NewsItemEntity } from './news-item.entity';
import { PricePointEntity } from './price-point.entity';
import { QualityIssueEntity } from './quality-issue.entity';
import { RiskDecisionEntity } from './risk-decision.entity';
import { SignalEntity } from './signal.entity';
import { SystemEventEntity } from './system-event.entity';
import { TradeEntity } from './trade.entity';
import { MarketAnalysisEntity } from './market-analysis.entity';
import { MicrostructureEntity } from './microstructure.entity';
import { OrderEntity } from './order.entity';
import { PositionEntity } from './position.entity';
import { RiskStateEntity } from './risk-state.entity';
import { AlertOutboxEntity } from './alert-outbox.entity';
import { AlertRejectionEntity } from './alert-rejection.entity';
import { ControlLedgerEntity } from './control-ledger.entity';
import { TelegramOffsetEntity } from './telegram-offset.entity';
import { StageTimingEntity } from './stage-timing.entity';
import { MarketVersionEntity } from './market-version.entity';
import { HypeScoreVersionEntity } from './hype-score-version.entity';

export {
  AlertEntity, BookSummaryEntity, HypeScoreEntity, MarketEntity, MarketSnapshotEntity, NewsItemEntity,
  PricePointEntity, QualityIssueEntity, RiskDecisionEntity, SignalEntity, SystemEventEntity, TradeEntity,
};
export { MarketAnalysisEntity, MicrostructureEntity };
export { OrderEntity, PositionEntity, RiskStateEntity };
export { AlertOutboxEntity, AlertRejectionEntity };
export { ControlLedgerEntity };
export { TelegramOffsetEntity };
export { StageTimingEntity };
export { HypeScoreVersionEntity, MarketVersionEntity };

/** Every entity of the schema, in the order the migration creates their tables. */
export const ENTITIES = [
  MarketEntity, MarketSnapshotEntity, BookSummaryEntity, PricePointEntity, HypeScoreEntity, NewsItemEntity,
  SignalEntity, RiskDecisionEntity, TradeEntity, AlertEntity, QualityIssueEntity, SystemEventEntity,
  MarketAnalysisEntity, MicrostructureEntity,
  AlertOutboxEntity, AlertRejectionEntity,
  PositionEntity, OrderEntity, RiskStateEntity,
  ControlLedgerEntity,
  TelegramOffsetEntity,
  MarketVersionEntity, HypeScoreVersionEntity,
  StageTimingEntity,
];
