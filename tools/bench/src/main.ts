import { SERVICE_NAMES } from '@polytrader/contracts';
import { SystemHarness } from '@polytrader/platform/testing';
import { analysisRunBench } from './analysis-run.bench';
import { collectionCycleBench } from './collection-cycle.bench';
import { gatewayBench } from './gateway.bench';
import { grangerBench } from './granger.bench';
import { hypeCycleBench } from './hype-cycle.bench';
import { killPropagation } from './kill-propagation.bench';
import { bareNodeRss, mb, ms, rssOf } from './measure';
import { monteCarloBench } from './montecarlo.bench';
import { notifierBench } from './notifier.bench';
import { sentimentBench } from './sentiment.bench';
import { snapshotInsertBench } from './snapshot-insert.bench';
import { signalPassBench } from './signal-pass.bench';
import { riskDecisionBench } from './risk-decision.bench';

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
    section(`kill propagation: ${kills} kills, publish → last of 7 services heartbeats "halted"`,
      `kill      p50 ${ms(k.kill.p50)} ms   p99 ${ms(k.kill.p99)} ms   max ${ms(k.kill.max)} ms   (goal: p99 < 100 ms)`,
      `baseline  NATS request-reply p50 ${ms(k.natsRoundTrip.p50)} ms   p99 ${ms(k.natsRoundTrip.p99)} ms`,
      `ratio     kill p99 / NATS round-trip p99 = ${(k.kill.p99 / k.natsRoundTrip.p99).toFixed(1)}x`,
    );
    results.kill = k;

    await new Promise((r) => setTimeout(r, 3000));
    const bare = await bareNodeRss(3000);
    const rss = Object.fromEntries(SERVICE_NAMES.map((name) => [name, rssOf(system.procs.get(name)!.pid!)]));
    section('idle RSS per service (goal < 100 MB)',
      ...SERVICE_NAMES.map((name) => `${name.padEnd(10)} ${mb(rss[name]).padStart(6)} MB   ${(rss[name] / bare).toFixed(2)}x bare node`),
      `baseline   ${mb(bare).padStart(6)} MB   (bare idle node process)`,
    );
    results.rss = { services: rss, bareNode: bare };

    const markets = Number(process.env.BENCH_MARKETS ?? 1000);
    const c = await collectionCycleBench(system.nats.url, markets);
    section(`collection cycle: ${markets} simulated markets, zero latency, first cycle (history for all)`,
      `cycle     ${ms(c.cycleMs)} ms for ${c.report.markets} markets, ${c.report.books} books, ${c.report.pricePoints} price points, ` +
      `outcome ${c.report.outcome}   (goal < 2000 ms; owner's bar < 30 s)`,
      `baseline  ${ms(c.floorMs)} ms for the same HTTP requests with bare fetch (no parsing, storing, publishing)`,
      `ratio     cycle / bare requests = ${(c.cycleMs / c.floorMs).toFixed(2)}x`,
    );
    results.collection = { cycleMs: c.cycleMs, floorMs: c.floorMs, markets: c.report.markets, outcome: c.report.outcome };

    const h = await hypeCycleBench(system.nats.url, markets);
    section(`hype cycle: ${markets} simulated markets (${h.markets} open), zero latency, token set, rate limits lifted`,
      ...([['first', h.first], ['steady', h.steady]] as const).flatMap(([name, r]) => {
        const what = name === 'first' ? `first cycle (backfill ${r.report.rows} rows)` : 'next cycle (newest interval)';
        return [
          `${name.padEnd(9)} ${ms(r.cycleMs)} ms ${what}: ${r.report.scored} scored, ${r.report.posts} posts scored, ` +
          `${r.report.news.fresh} news, outcome ${r.report.outcome}   (no hype goal set; the collection bar is < 2000 ms)`,
          `baseline  ${ms(r.floorMs)} ms for the same ${r.requests} HTTP requests with bare fetch (no parsing, VADER, storing, publishing)`,
          `ratio     cycle / bare requests = ${(r.cycleMs / r.floorMs).toFixed(2)}x`,
        ];
      }),
    );
    const cycle = (r: typeof h.first) => ({ cycleMs: r.cycleMs, floorMs: r.floorMs, requests: r.requests, rows: r.report.rows, outcome: r.report.outcome });
    results.hype = { markets: h.markets, first: cycle(h.first), steady: cycle(h.steady) };
  } finally {
    await system.stop();
  }

  const ins = await snapshotInsertBench(50_000);
  section(`SQLite snapshot inserts: ${ins.rows} rows in ${ins.cycles} cycles of ${ins.markets} markets`,
    `saveCycle ${Math.round(ins.rowsPerSecond).toLocaleString('en')} rows/s   (goal ≥ 50,000 rows/s)`,
    `baseline  ${Math.round(ins.baselineRowsPerSecond).toLocaleString('en')} rows/s raw sqlite3 prepared statement, one transaction`,
    `ratio     saveCycle / raw = ${(ins.rowsPerSecond / ins.baselineRowsPerSecond).toFixed(2)}x`,
  );
  results.snapshotInsert = ins;

  const sent = sentimentBench(20_000);
  section(`VADER sentiment: ${sent.texts.toLocaleString('en')} short texts (${sent.meanWords.toFixed(1)} words each on average)`,
    `sentiment ${Math.round(sent.textsPerSecond).toLocaleString('en')} texts/s   (goal ≥ 20,000 texts/s)`,
    `baseline  ${Math.round(sent.baselinePerSecond).toLocaleString('en')} texts/s lower-casing + splitting the same texts`,
    `ratio     baseline / sentiment = ${(sent.baselinePerSecond / sent.textsPerSecond).toFixed(0)}x (the cost of VADER per text)`,
  );
  results.sentiment = sent;

  const g = await grangerBench(1000, 5, 500);
  section(`Granger tests: 1,000 markets × lags 1..5 × 500 points`,
    `granger   ${ms(g.seconds * 1000)} ms, ${Math.round(g.testsPerSecond).toLocaleString('en')} tests/s   (goal < 1000 ms)`,
    `baseline  ${ms(g.baselineSeconds * 1000)} ms for the same number of lagged Pearson correlations on the same series`,
    `ratio     granger / pearson = ${(g.seconds / g.baselineSeconds).toFixed(1)}x`,
  );
  results.granger = g;

  const mc = monteCarloBench(10_000, 1000, 5);
  section(`Monte Carlo: ${mc.paths.toLocaleString('en')} reshuffled paths × ${mc.trades.toLocaleString('en')} trades, ${mc.ratios.length} interleaved rounds`,
    `montecarlo per round (ms): ${mc.measured.map((m, i) => `${ms(m)}/${ms(mc.floor[i])}`).join('  ')}   (equity, drawdown, ruin, Sharpe sums, percentiles / bare loop)`,
    `baseline  the same xoshiro128** draws and Fisher–Yates swaps over the same Float64Array, one sum per path`,
    `ratio     median ${mc.medianRatio.toFixed(2)}x   spread ${Math.min(...mc.ratios).toFixed(2)}–${Math.max(...mc.ratios).toFixed(2)}x   (goal ≤ 3x)`,
  );
  results.montecarlo = mc;

  const nb = await notifierBench(Number(process.env.BENCH_ALERTS ?? 200));
  section(`notifier: ${nb.alerts} alerts, signal.generated published → sendMessage received by the simulator (not rate-limited)`,
    `alert     p50 ${ms(nb.latency.p50)} ms   p99 ${ms(nb.latency.p99)} ms   max ${ms(nb.latency.max)} ms   (goal: p99 < 50 ms)`,
    `baseline  bare HTTP POST sendMessage to the same route p50 ${ms(nb.barePost.p50)} ms   p99 ${ms(nb.barePost.p99)} ms`,
    `ratio     alert p99 / bare POST p99 = ${(nb.latency.p99 / nb.barePost.p99).toFixed(1)}x`,
  );
  results.notifier = nb;

  const an = await analysisRunBench(Number(process.env.BENCH_ANALYSIS_MARKETS ?? 1000), 672);
  section(`analysis run: ${an.markets} markets × ${an.points} intervals (7 days) of price history and hype, SQLite`,
    `analysis  ${ms(an.runMs)} ms: load, align, Granger both ways × lags 1..5, BH, microstructure, store (${an.tested} tested)   (daily job; no goal set)`,
    `baseline  ${ms(an.readMs)} ms reading the same rows through the same stores (no math, no write)`,
    `ratio     run / reads = ${(an.runMs / an.readMs).toFixed(2)}x   (seeding took ${ms(an.seedMs)} ms)`,
  );
  results.analysis = an;

  const sp = await signalPassBench(Number(process.env.BENCH_SIGNAL_MARKETS ?? 1000));
  section(`signal pass: ${sp.markets} markets, all eligible, ${sp.report.proposals} signalling (SQLite, JetStream), median of ${sp.runs}`,
    `pass      ${ms(sp.passMs)} ms: reads, rules, sizing, journal, ${sp.report.published} published   (runs after every collection cycle; no goal set)`,
    `baseline  ${ms(sp.readMs)} ms reading the same inputs through the same stores (no rules, sizing, journal or bus)`,
    `ratio     pass / reads = ${(sp.passMs / sp.readMs).toFixed(2)}x   (seeding took ${ms(sp.seedMs)} ms)`,
  );
  results.signals = { markets: sp.markets, passMs: sp.passMs, readMs: sp.readMs, runs: sp.runs, published: sp.report.published, proposals: sp.report.proposals };

  const rd = await riskDecisionBench(Number(process.env.BENCH_RISK_SIGNALS ?? 3000), Number(process.env.BENCH_RISK_RATE ?? 1000));
  section(`risk: ${rd.signals} signal.generated at ${rd.ratePerSecond}/s → risk.approved/rejected received (risk as a process, SQLite, after 1,000 warm-up signals)`,
    `decision  p50 ${ms(rd.latency.p50)} ms   p99 ${ms(rd.latency.p99)} ms   max ${ms(rd.latency.max)} ms   (${rd.approved} approved, ${rd.rejected} rejected incl. warm-up; goal: p99 < 5 ms)`,
    `floor     the same bus work without risk (own process: pull consumer, 2 stored events per signal, ack): p50 ${ms(rd.busFloor.p50)} ms   p99 ${ms(rd.busFloor.p99)} ms`,
    `baseline  bare JetStream publish → ordered durable consumer → core reply, same rate: p50 ${ms(rd.bareRoundTrip.p50)} ms   p99 ${ms(rd.bareRoundTrip.p99)} ms`,
    `ratio     decision p99 / floor p99 = ${(rd.latency.p99 / rd.busFloor.p99).toFixed(1)}x   decision p99 / bare round-trip p99 = ${(rd.latency.p99 / rd.bareRoundTrip.p99).toFixed(1)}x`,
    `cpu       risk ${ms(rd.riskCpuMsPerSignal)} ms per signal, floor process ${ms(rd.floorCpuMsPerSignal)} ms (all threads, measured signals): ` +
      `${(rd.riskCpuMsPerSignal / rd.floorCpuMsPerSignal).toFixed(1)}x`,
  );
  const during = rd.pollers.latency.p99;
  const without = (rd.latency.p99 + rd.pollers.after.p99) / 2;
  section(`risk while ${rd.pollers.clients} dashboards poll a gateway reading its database (${rd.pollers.requests.toLocaleString('en')} requests during the measurement)`,
    `decision  p99 ${ms(during)} ms with pollers   (p50 ${ms(rd.pollers.latency.p50)} ms)`,
    `floor     p99 ${ms(rd.latency.p99)} ms before and ${ms(rd.pollers.after.p99)} ms after, without pollers`,
    `cpu       risk ${ms(rd.pollers.riskCpuMsPerSignal)} ms per signal with pollers, ${ms(rd.riskCpuMsPerSignal)} before, ${ms(rd.pollers.afterRiskCpuMsPerSignal)} after`,
    `ratio     with / without = ${(during / without).toFixed(2)}x   (goal ≤ 1.25x: the gateway's read-only connection must not hold risk's commits back)`,
  );
  results.risk = rd;

  const gw = await gatewayBench(Number(process.env.BENCH_GATEWAY_MARKETS ?? 1000));
  const rounds = (r: { measured: number[]; floor: number[] }) => r.measured.map((m, i) => `${ms(m)}/${ms(r.floor[i])}`).join('  ');
  section(`gateway: ${gw.markets} markets in SQLite, gateway as a process, ${gw.http.clients} concurrent clients, 3 interleaved rounds`,
    `markets   GET /api/markets?sort=volume&limit=50 p99 vs GET /health p99 per round (ms): ${rounds(gw.http)}`,
    `ratio     median ${gw.http.medianRatio.toFixed(2)}x   spread ${Math.min(...gw.http.ratios).toFixed(2)}–${Math.max(...gw.http.ratios).toFixed(2)}x   (goal ≤ 3x)`,
    `stream    publish → SSE received, ${gw.sse.clients} clients, p99 vs a raw NATS subscriber p99 per round (ms): ${rounds(gw.sse)}`,
    `ratio     median ${gw.sse.medianRatio.toFixed(2)}x   spread ${Math.min(...gw.sse.ratios).toFixed(2)}–${Math.max(...gw.sse.ratios).toFixed(2)}x   (goal ≤ 2x)`,
    gw.dashboardJsGzipBytes === null
      ? 'dashboard not built (dist/apps/dashboard): no JavaScript size'
      : `dashboard ${(gw.dashboardJsGzipBytes / 1024).toFixed(1)} kB of JavaScript gzipped   (goal < 150 kB)`,
  );
  results.gateway = gw;

  console.log(`\nBENCH_JSON ${JSON.stringify(results)}`);
}

/** One figure's block of the report: a blank line, its `== title ==`, then its lines. */
function section(title: string, ...lines: string[]): void {
  console.log(`\n== ${title} ==`);
  for (const line of lines) console.log(line);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
