import { MarketStore, StageTimingStore, createDataSource } from '@polytrader/persistence';
import { runOnce } from '@polytrader/platform';
import { CollectorApis } from './collector.apis';
import { CollectionCycle, CycleReport } from './collection/collection-cycle';

export interface CollectOnceOptions {
  readonly json: boolean;
}

/**
 * `polytrader collect --once`: one cycle in this process, without the other services.
 * Stores to the configured database; publishes on the bus when NATS answers (and refuses to
 * run when the bus says the system is halted).
 */
export function collectOnce(options: CollectOnceOptions): Promise<number> {
  const spec = { service: 'collector', doing: 'collecting', storedWithoutBus: 'snapshots are stored' };
  return runOnce(spec, async ({ config, logger, publisher, signal }) => {
    const apis = new CollectorApis(config, logger);
    const ds = await createDataSource(config.storage);
    try {
      const cycle = new CollectionCycle({
        gamma: apis.gamma, clob: apis.clob, config: config.data_collection, store: new MarketStore(ds), publisher, logger, source: 'collector',
        timings: new StageTimingStore(ds),
      });
      const report = await cycle.run(signal);
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, publisher !== null));
      return report.outcome === 'completed' || report.outcome === 'partial' ? 0 : 1;
    } finally {
      apis.close();
      await ds.destroy();
    }
  });
}

export function formatReport(r: CycleReport, published: boolean): string {
  const errors = r.errors.map((e) => `${e.api}/${e.kind}×${e.count}`).join(', ') || 'none';
  return [
    `cycle ${r.cycleId}: ${r.outcome} in ${Math.round(r.durationMs)} ms`,
    `  markets ${r.markets} · snapshots ${r.snapshots} · books ${r.books} · price points ${r.pricePoints} · rejected ${r.rejected}`,
    `  errors: ${errors}`,
    `  breakers: ${Object.entries(r.breakers).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `  ${published ? 'published on the bus' : 'not published (no bus)'}`,
    '',
  ].join('\n');
}
