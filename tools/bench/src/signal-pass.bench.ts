import { SignalStores, calendarEvents, loadPassInputs, ruleSettings, sizingSettings } from '@polytrader/decision';
import { AnalysisStore, HypeScoreStore, MarketStore, PortfolioStore, SignalStore, createDataSource } from '@polytrader/persistence';
import { AppConfig, EventBus, ensureStreams } from '@polytrader/platform';
import { startNatsServer } from '@polytrader/platform/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import pino from 'pino';
import { SignalPass, SignalPassReport } from '../../../apps/signals/src/pass/signal-pass-runner';
import { seedSyntheticSignalData } from '../../../apps/signals/src/testing/synthetic-inputs';

export interface SignalPassBench {
  readonly markets: number;
  /** median of the timed passes */
  readonly passMs: number;
  /** median time to read the same inputs through the same stores, without rules, sizing, journal or bus */
  readonly readMs: number;
  readonly runs: number;
  readonly report: SignalPassReport;
  readonly seedMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * A full signal pass over `markets` markets, every one eligible (the worst case: nothing is filtered before
 * the reads), half of them signalling: reads, rules, sizing, journal, JetStream publish on a private NATS.
 * Cooldown 0 so every pass does the full work. Baseline: the reads alone, in the same run.
 */
export async function signalPassBench(markets = 1000, runs = 5): Promise<SignalPassBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-signals-'));
  const nats = await startNatsServer();
  const ds = await createDataSource({ url: join(dir, 'bench.sqlite') });
  const nc = await connect({ servers: nats.url });
  try {
    await ensureStreams(await nc.jetstreamManager());
    const nowMs = Date.now();
    const seedStart = performance.now();
    await seedSyntheticSignalData(ds, { markets, nowMs, risingFraction: 0.5 });
    const seedMs = performance.now() - seedStart;
    const config = new AppConfig();
    config.signals.cooldown_minutes = 0;
    // small positions on a large account: every signalling market gets a size, so every one is journaled and published
    Object.assign(config.portfolio, { initial_equity: 100_000, max_position_pct: 0.1, max_total_exposure_pct: 100 });
    const stores: SignalStores = {
      markets: new MarketStore(ds), hype: new HypeScoreStore(ds), analysis: new AnalysisStore(ds),
      portfolio: new PortfolioStore(ds, config.portfolio.initial_equity), signals: new SignalStore(ds),
    };
    const rules = ruleSettings(config);
    const pass = new SignalPass({
      stores, publisher: new EventBus(nc, 'signals', pino({ level: 'silent' })), halt: { isHalted: () => false }, logger: pino({ level: 'silent' }),
      rules, sizing: sizingSettings(config), events: calendarEvents(config), initialEquity: config.portfolio.initial_equity, source: 'signals',
    });
    await pass.run(nowMs); // warm-up (statement caches, JIT)
    await loadPassInputs(stores, rules, [], nowMs, config.portfolio.initial_equity);
    const passTimes: number[] = [];
    const readTimes: number[] = [];
    let report: SignalPassReport | null = null;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await loadPassInputs(stores, rules, [], nowMs, config.portfolio.initial_equity);
      readTimes.push(performance.now() - t);
      t = performance.now();
      report = await pass.run(nowMs);
      passTimes.push(performance.now() - t);
    }
    return { markets, passMs: median(passTimes), readMs: median(readTimes), runs, report: report!, seedMs };
  } finally {
    await nc.close();
    await ds.destroy();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
