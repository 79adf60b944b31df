import { Module } from '@nestjs/common';
import { AnalysisScheduler } from './analysis/analysis.scheduler';
import { AnalyzerDatabase } from './analyzer.database';
import { QualityHandler } from './quality/quality.handler';
import { QualityService } from './quality/quality.service';

/**
 * The analyzer: data quality after every collection cycle; the Granger/correlation ranking and the book
 * microstructure on the `analysis.schedule` cron (docs/analysis.md).
 */
@Module({
  controllers: [QualityHandler],
  providers: [AnalyzerDatabase, QualityService, AnalysisScheduler],
})
export class AnalyzerModule {}
