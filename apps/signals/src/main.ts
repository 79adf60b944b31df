import { openControlLedger } from '@polytrader/persistence';
import { bootstrapService } from '@polytrader/platform';
import { SignalsModule } from './signals.module';

void bootstrapService({ name: 'signals', module: SignalsModule, controlLedger: openControlLedger });
