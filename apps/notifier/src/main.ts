import { openControlLedger } from '@polytrader/persistence';
import { bootstrapService } from '@polytrader/platform';
import { NotifierModule } from './notifier.module';

void bootstrapService({ name: 'notifier', module: NotifierModule, controlLedger: openControlLedger });
