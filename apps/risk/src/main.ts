import { openControlLedger } from '@polytrader/persistence';
import { bootstrapService } from '@polytrader/platform';
import { RiskModule } from './risk.module';

void bootstrapService({ name: 'risk', module: RiskModule, controlLedger: openControlLedger });
