import { SERVICE_NAMES, Subjects } from '@polytrader/contracts';
import { Summary, summarize } from '@polytrader/quant';
import { NatsConnection, connect } from 'nats';
import { performance } from 'node:perf_hooks';

export interface KillPropagation {
  readonly kill: Summary;
  readonly natsRoundTrip: Summary;
}

/** Resolves when every service has published a heartbeat in the wanted state. */
function allReport(nc: NatsConnection, state: 'halted' | 'running', timeoutMs = 5000): Promise<number> {
  return new Promise((resolve, reject) => {
    const seen = new Set<string>();
    const sub = nc.subscribe('system.heartbeat.*', {
      callback: (_e, m) => {
        const hb = JSON.parse(Buffer.from(m.data).toString()) as { service: string; state: string };
        if (hb.state === state) seen.add(hb.service);
        if (seen.size === SERVICE_NAMES.length) {
          sub.unsubscribe();
          clearTimeout(timer);
          resolve(performance.now());
        }
      },
    });
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(new Error(`only ${[...seen].join(', ')} reported ${state} within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

/** Baseline: one core NATS hop publisher → subscriber → reply, on the same server. */
async function natsRoundTrip(url: string, n: number): Promise<Summary> {
  const a = await connect({ servers: url });
  const b = await connect({ servers: url });
  b.subscribe('bench.echo', { callback: (_e, m) => m.respond(m.data) });
  await b.flush();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await a.request('bench.echo', Buffer.from('x'), { timeout: 1000 });
    samples.push(performance.now() - t0);
  }
  await a.close();
  await b.close();
  return summarize(samples);
}

/**
 * Publish system.kill with a raw client, time until the last of the seven services has
 * announced itself halted (its heartbeat on the bus); reset; repeat.
 */
export async function killPropagation(url: string, kills: number): Promise<KillPropagation> {
  const nc = await connect({ servers: url });
  const samples: number[] = [];
  for (let i = 0; i < kills; i++) {
    const halted = allReport(nc, 'halted');
    await nc.flush();
    const t0 = performance.now();
    nc.publish(Subjects.SystemKill, Buffer.from(`bench kill ${i}`));
    samples.push((await halted) - t0);
    const running = allReport(nc, 'running');
    await nc.flush();
    nc.publish(Subjects.SystemReset, Buffer.from('bench reset'));
    await running;
  }
  await nc.close();
  return { kill: summarize(samples), natsRoundTrip: await natsRoundTrip(url, kills) };
}
