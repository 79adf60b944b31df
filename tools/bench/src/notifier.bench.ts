import { INestMicroservice } from '@nestjs/common';
import { SignalGeneratedEvent, Subjects, encode, envelope } from '@polytrader/contracts';
import { closeService, createServiceApp, sleep } from '@polytrader/platform';
import { createTestRuntime, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { Summary, summarize } from '@polytrader/quant';
import { startSimulator } from '@polytrader/simulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect } from 'nats';
import pino from 'pino';
import { NotifierModule } from '../../../apps/notifier/src/notifier.module';

export interface NotifierBench {
  readonly alerts: number;
  /** signal.generated published → sendMessage received by the simulator (ms) */
  readonly latency: Summary;
  /** a bare HTTP POST of the same sendMessage to the same simulator route (ms) */
  readonly barePost: Summary;
}

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const CHAT = 1001;
/** one alert at a time, 40 ms apart: under the notifier's 30 msg/s pacing, so nothing is rate-limited */
const GAP_MS = 40;
const WARMUP = 10;

/**
 * The notifier in-process (real NATS on a private server, SQLite outbox, telegraf) against the
 * simulator's Bot API. The simulator's clock is sub-millisecond (performance.now) so its receipt time
 * of each sendMessage is the end of the measurement.
 */
export async function notifierBench(alerts = 200): Promise<NotifierBench> {
  const now = () => performance.timeOrigin + performance.now();
  const nats = await startNatsServer();
  const sim = await startSimulator({ port: 0, markets: 3, now, telegramPerChatPerSecond: 1e6, telegramBurst: 1e6 });
  const dir = mkdtempSync(join(tmpdir(), 'bench-notifier-'));
  const runtime = await createTestRuntime({
    name: 'notifier', natsUrl: nats.url, env: { TELEGRAM_BOT_TOKEN: TOKEN }, logger: pino({ level: 'silent' }),
    config: {
      alerts: { telegram_api_root: sim.urls.telegram, chat_ids: [CHAT], per_chat_per_second: 30, min_signal_strength: 'WEAK' },
      storage: { url: join(dir, 'bench.sqlite') },
    },
  });
  const app = (await createServiceApp({ name: 'notifier', module: NotifierModule }, runtime)) as INestMicroservice;
  const nc = await connect({ servers: nats.url });
  const js = nc.jetstream();
  const received = (n: number) =>
    waitFor(() => sim.telegram.messages().length >= n, { timeoutMs: 30_000, intervalMs: 1, what: 'the alert at the simulator (notifier bench)' });
  try {
    const latencies: number[] = [];
    for (let i = 0; i < WARMUP + alerts; i++) {
      const event: SignalGeneratedEvent = {
        ...envelope('bench'), marketId: `m${i}`, outcome: 'Yes', tokenId: `m${i}-yes`, side: 'BUY', price: 0.5, strength: 'STRONG', confidence: 0.7, size: 10, reasons: ['bench'],
      };
      const t0 = now();
      await js.publish(Subjects.SignalGenerated, encode(event));
      await received(i + 1);
      if (i >= WARMUP) latencies.push(sim.telegram.messages()[i].ts - t0);
      await sleep(GAP_MS);
    }
    const bare: number[] = [];
    const url = `${sim.urls.telegram}/bot${TOKEN}/sendMessage`;
    for (let i = 0; i < WARMUP + alerts; i++) {
      const t0 = now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: CHAT + 1, text: `bare ${i}`, parse_mode: 'HTML' }) });
      await res.arrayBuffer();
      const sent = sim.telegram.messages().filter((m) => m.chat_id === CHAT + 1);
      if (i >= WARMUP) bare.push(sent[sent.length - 1].ts - t0);
    }
    return { alerts, latency: summarize(latencies), barePost: summarize(bare) };
  } finally {
    await nc.close();
    await closeService(app, runtime);
    await sim.close();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
