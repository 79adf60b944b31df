import { BusConnectError, ConfigError, EventBus, KillSwitch, connectBus, createLogger, flushLogger, loadConfig } from '@polytrader/platform';
import { MarketStore, createDataSource } from '@polytrader/persistence';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
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
export async function collectOnce(options: CollectOnceOptions): Promise<number> {
  let loaded;
  try {
    loaded = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
  const { config } = loaded;
  const logger = await createLogger({ component: 'collector', config: config.logging, stdout: false });
  const nc = await optionalBus(config.bus, logger);
  if (nc && (await haltedOnBus(nc, logger))) {
    process.stderr.write('the system is halted (system.kill on the bus): not collecting. Resume with: polytrader reset\n');
    await nc.drain();
    return 1;
  }
  const apis = new CollectorApis(config, logger);
  const ds = await createDataSource(config.storage);
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  try {
    const cycle = new CollectionCycle({
      gamma: apis.gamma, clob: apis.clob, config: config.data_collection, store: new MarketStore(ds),
      publisher: nc ? new EventBus(nc, 'collector', logger) : null, logger, source: 'collector',
    });
    const report = await cycle.run(controller.signal);
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, nc !== null));
    return report.outcome === 'completed' || report.outcome === 'partial' ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    apis.close();
    await ds.destroy();
    await nc?.drain().catch(() => undefined);
    await flushLogger(logger);
  }
}

async function optionalBus(bus: Parameters<typeof connectBus>[0]['config'], logger: Logger): Promise<NatsConnection | null> {
  try {
    return await connectBus({ config: bus, name: 'polytrader-collect-once', logger, waitForServer: false, timeoutMs: 1500 });
  } catch (err) {
    if (!(err instanceof BusConnectError)) throw err;
    process.stderr.write(`note: NATS not reachable at ${bus.url}; snapshots are stored but not published\n`);
    return null;
  }
}

async function haltedOnBus(nc: NatsConnection, logger: Logger): Promise<boolean> {
  const ks = new KillSwitch(nc, await nc.jetstreamManager(), 'collector', logger);
  await ks.restore();
  ks.stop();
  return ks.current.state === 'halted';
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
