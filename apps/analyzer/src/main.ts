import { openControlLedger } from '@polytrader/persistence';
import { bootstrapService } from '@polytrader/platform';
import { analyzeOnce } from './analysis/analyze-once';
import { AnalyzerModule } from './analyzer.module';

if (process.argv.includes('--once')) {
  // `polytrader analyze`: one analysis run in this process, then exit.
  const topAt = process.argv.indexOf('--top');
  const top = topAt >= 0 ? Number(process.argv[topAt + 1]) : undefined;
  if (top !== undefined && !(Number.isInteger(top) && top > 0)) {
    process.stderr.write(`--top: must be a positive whole number, got "${process.argv[topAt + 1] ?? ''}"\n`);
    process.exit(1);
  }
  analyzeOnce({ json: process.argv.includes('--json'), top }).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`analyze failed: ${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
} else {
  void bootstrapService({ name: 'analyzer', module: AnalyzerModule, controlLedger: openControlLedger });
}
