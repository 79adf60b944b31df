import { SERVICE_NAMES } from '@polytrader/contracts';
import { SystemHarness } from '@polytrader/platform/testing';
import { collectionCycleBench } from './collection-cycle.bench';
import { killPropagation } from './kill-propagation.bench';
import { bareNodeRss, mb, ms, rssOf } from './measure';
import { snapshotInsertBench } from './snapshot-insert.bench';

/**
 * `npm run bench`: performance figures, each next to a baseline measured in the same run,
 * so a noisy shared machine shows up in both. Goals are printed, never asserted.
 */
async function main(): Promise<void> {
  const kills = Number(process.env.BENCH_KILLS ?? 200);
  const results: Record<string, unknown> = {};
  const system = await new SystemHarness({ heartbeatIntervalMs: 2000 }).start();
  try {
    await system.waitAllUp();
    const k = await killPropagation(system.nats.url, kills);
    console.log(`\n== kill propagation: ${kills} kills, publish → last of 7 services heartbeats "halted" ==`);
    console.log(`kill      p50 ${ms(k.kill.p50)} ms   p99 ${ms(k.kill.p99)} ms   max ${ms(k.kill.max)} ms   (goal: p99 < 100 ms)`);
    console.log(`baseline  NATS request-reply p50 ${ms(k.natsRoundTrip.p50)} ms   p99 ${ms(k.natsRoundTrip.p99)} ms`);
    console.log(`ratio     kill p99 / NATS round-trip p99 = ${(k.kill.p99 / k.natsRoundTrip.p99).toFixed(1)}x`);
    results.kill = k;

    await new Promise((r) => setTimeout(r, 3000));
    const bare = await bareNodeRss(3000);
    console.log(`\n== idle RSS per service (goal < 100 MB) ==`);
    const rss: Record<string, number> = {};
    for (const name of SERVICE_NAMES) {
      rss[name] = rssOf(system.procs.get(name)!.pid!);
      console.log(`${name.padEnd(10)} ${mb(rss[name]).padStart(6)} MB   ${(rss[name] / bare).toFixed(2)}x bare node`);
    }
    console.log(`baseline   ${mb(bare).padStart(6)} MB   (bare idle node process)`);
    results.rss = { services: rss, bareNode: bare };

    const markets = Number(process.env.BENCH_MARKETS ?? 1000);
    const c = await collectionCycleBench(system.nats.url, markets);
    console.log(`\n== collection cycle: ${markets} simulated markets, zero latency, first cycle (history for all) ==`);
    console.log(`cycle     ${ms(c.cycleMs)} ms for ${c.report.markets} markets, ${c.report.books} books, ${c.report.pricePoints} price points, ` +
      `outcome ${c.report.outcome}   (goal < 2000 ms; owner's bar < 30 s)`);
    console.log(`baseline  ${ms(c.floorMs)} ms for the same HTTP requests with bare fetch (no parsing, storing, publishing)`);
    console.log(`ratio     cycle / bare requests = ${(c.cycleMs / c.floorMs).toFixed(2)}x`);
    results.collection = { cycleMs: c.cycleMs, floorMs: c.floorMs, markets: c.report.markets, outcome: c.report.outcome };
  } finally {
    await system.stop();
  }

  const ins = await snapshotInsertBench(50_000);
  console.log(`\n== SQLite snapshot inserts: ${ins.rows} rows in ${ins.cycles} cycles of ${ins.markets} markets ==`);
  console.log(`saveCycle ${Math.round(ins.rowsPerSecond).toLocaleString('en')} rows/s   (goal ≥ 50,000 rows/s)`);
  console.log(`baseline  ${Math.round(ins.baselineRowsPerSecond).toLocaleString('en')} rows/s raw sqlite3 prepared statement, one transaction`);
  console.log(`ratio     saveCycle / raw = ${(ins.rowsPerSecond / ins.baselineRowsPerSecond).toFixed(2)}x`);
  results.snapshotInsert = ins;

  console.log(`\nBENCH_JSON ${JSON.stringify(results)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
