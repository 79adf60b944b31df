import { InitialSchema1764150000000 } from './1764150000000-initial-schema';
import { AnalysisResults1764400000000 } from './1764400000000-analysis-results';
import { Signals1764500000000 } from './1764500000000-signals';
import { RiskTables1764600000000 } from './1764600000000-risk';
import { Notifier1764700000000 } from './1764700000000-notifier';
import { ControlLedger1764800000000 } from './1764800000000-control-ledger';
import { TelegramOffsets1764900000000 } from './1764900000000-telegram-offsets';
import { PointInTime1765000000000 } from './1765000000000-point-in-time';
import { StageTimings1765100000000 } from './1765100000000-stage-timings';

export { InitialSchema1764150000000 };
export { AnalysisResults1764400000000 };
export { Signals1764500000000 };
export { RiskTables1764600000000 };
export { Notifier1764700000000 };
export { ControlLedger1764800000000 };
export { TelegramOffsets1764900000000 };
export { PointInTime1765000000000 };
export { StageTimings1765100000000 };

/** Every migration, oldest first. Listed as classes (not globs) so they load the same from src and dist. */
export const MIGRATIONS = [InitialSchema1764150000000, AnalysisResults1764400000000, Signals1764500000000, RiskTables1764600000000, Notifier1764700000000, ControlLedger1764800000000, TelegramOffsets1764900000000, PointInTime1765000000000, StageTimings1765100000000];
