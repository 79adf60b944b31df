import { openControlLedger } from '@polytrader/persistence';
import { bootstrapService } from '@polytrader/platform';
import { collectOnce } from './collect-once';
import { CollectorModule } from './collector.module';

if (process.argv.includes('--once')) {
  // `polytrader collect --once`: one cycle in this process, then exit.
  collectOnce({ json: process.argv.includes('--json') }).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`collect failed: ${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
} else {
  void bootstrapService({ name: 'collector', module: CollectorModule, controlLedger: openControlLedger });
}
