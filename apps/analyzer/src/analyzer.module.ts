import { Module } from '@nestjs/common';
import { AnalyzerDatabase } from './analyzer.database';
import { QualityHandler } from './quality/quality.handler';
import { QualityService } from './quality/quality.service';

/** The analyzer: data quality after every collection cycle (correlation and microstructure come next). */
@Module({
  controllers: [QualityHandler],
  providers: [AnalyzerDatabase, QualityService],
})
export class AnalyzerModule {}
