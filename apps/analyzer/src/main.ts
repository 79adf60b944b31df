import { bootstrapService } from '@polytrader/platform';
import { AnalyzerModule } from './analyzer.module';

void bootstrapService({ name: 'analyzer', module: AnalyzerModule });
