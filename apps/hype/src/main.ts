import { openControlLedger } from '@polytrader/persistence';
import { bootstrapService } from '@polytrader/platform';
import { HypeModule } from './hype.module';

void bootstrapService({ name: 'hype', module: HypeModule, controlLedger: openControlLedger });
