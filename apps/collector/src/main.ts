import { bootstrapService } from '@polytrader/platform';
import { CollectorModule } from './collector.module';

void bootstrapService({ name: 'collector', module: CollectorModule });
