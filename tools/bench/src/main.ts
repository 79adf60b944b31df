import { SERVICE_NAMES } from '@polytrader/contracts';
import { SystemHarness } from '@polytrader/platform/testing';
import { killPropagation } from './kill-propagation.bench';
import { bareNodeRss, mb, ms, rssOf } from './measure';

/**
 * `npm run bench`: performance figures, each next to a baseline measured in the same run,
 * so a noisy shared machine shows up in both. Goals are printed, never asserted.
 */
async function main(): Promise<void> {
  const kills = Number(process.env.BENCH_KILLS ?? 200);
  const system = await new SystemHarness({ heartbeatIntervalMs: 2000 }).start();
  try {
    await system.waitAllUp();
    const k = await killPropagation(system.nats.url, kills);
    console.log(`\n== kill propagation: ${kills} kills, publish → last of 7 services heartbeats "halted" ==`);
    console.log(`kill      p50 ${ms(k.kill.p50)} ms   p99 ${ms(k.kill.p99)} ms   max ${ms(k.kill.max)} ms   (goal: p99 < 100 ms)`);
    console.log(`baseline  NATS request-reply p50 ${ms(k.natsRoundTrip.p50)} ms   p99 ${ms(k.natsRoundTrip.p99)} ms`);
    console.log(`ratio     kill p99 / NATS round-trip p99 = ${(k.kill.p99 / k.natsRoundTrip.p99).toFixed(1)}x`);

    await new Promise((r) => setTimeout(r, 3000));
    const bare = await bareNodeRss(3000);
    console.log(`\n== idle RSS per service (goal < 100 MB) ==`);
    const rss: Record<string, number> = {};
    for (const name of SERVICE_NAMES) {
      rss[name] = rssOf(system.procs.get(name)!.pid!);
      console.log(`${name.padEnd(10)} ${mb(rss[name]).padStart(6)} MB   ${(rss[name] / bare).toFixed(2)}x bare node`);
    }
    console.log(`baseline   ${mb(bare).padStart(6)} MB   (bare idle node process)`);
    console.log(`\nBENCH_JSON ${JSON.stringify({ killMs: k.kill, natsRoundTripMs: k.natsRoundTrip, rssBytes: rss, bareNodeRssBytes: bare })}`);
  } finally {
    await system.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
