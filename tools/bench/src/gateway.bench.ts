import { Subjects, encode, envelope } from '@polytrader/contracts';
import { MarketStore, createDataSource } from '@polytrader/persistence';
import { workspaceRoot } from '@polytrader/platform';
import { startNatsServer, waitFor } from '@polytrader/platform/testing';
import { Summary, quantile, summarize } from '@polytrader/quant';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { NatsConnection, connect } from 'nats';
import { authorized, spawnGateway } from './gateway-process';
import { snapshotCycles } from './snapshot-insert.bench';

export interface RatioRounds {
  /** the measured path's p99 per round (ms) */
  readonly measured: number[];
  /** the floor's p99 per round (ms) */
  readonly floor: number[];
  /** measured / floor per round */
  readonly ratios: number[];
  readonly medianRatio: number;
}

export interface GatewayBench {
  readonly markets: number;
  readonly http: RatioRounds & { readonly clients: number; readonly requestsPerRound: number };
  readonly sse: RatioRounds & { readonly clients: number; readonly eventsPerRound: number };
  /** the dashboard's JavaScript, gzipped (bytes); null when it is not built */
  readonly dashboardJsGzipBytes: number | null;
}

const ROUNDS = 3;

/**
 * The owner's window under load, each figure against a floor on the same server in the same run:
 * /api/markets p99 under 50 concurrent clients vs /health p99; bus publish → SSE receive p99 with 100
 * clients connected vs a raw NATS subscriber of the same publishes; the dashboard's JS size gzipped.
 */
export async function gatewayBench(markets = 1000): Promise<GatewayBench> {
  const nats = await startNatsServer();
  const dir = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
  const dbFile = join(dir, 'bench.sqlite');
  const ds = await createDataSource({ url: dbFile });
  for (const batch of snapshotCycles(markets * 4)) await new MarketStore(ds).saveCycle(batch);
  await ds.destroy();
  const gateway = await spawnGateway(nats.url, dbFile, dir);
  const nc = await connect({ servers: nats.url });
  try {
    const httpRounds = await interleaved(
      () => concurrentGets(gateway.url, '/api/markets?sort=volume&limit=50', 50, 1000),
      () => concurrentGets(gateway.url, '/health', 50, 1000),
    );
    const sse = await sseFanOut(nc, gateway.url, 100, 100);
    return {
      markets,
      http: { ...httpRounds, clients: 50, requestsPerRound: 1000 },
      sse: { ...sse, clients: 100, eventsPerRound: 100 },
      dashboardJsGzipBytes: dashboardJsGzip(),
    };
  } finally {
    await nc.close();
    await gateway.stop();
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Real path and floor alternated for ROUNDS rounds (a noisy spell hits both), p99 of each and their ratio. */
async function interleaved(measured: () => Promise<Summary>, floor: () => Promise<Summary>): Promise<RatioRounds> {
  const out = { measured: [] as number[], floor: [] as number[], ratios: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    const f = (await floor()).p99;
    const m = (await measured()).p99;
    out.floor.push(f);
    out.measured.push(m);
    out.ratios.push(m / f);
  }
  return { ...out, medianRatio: quantile(out.ratios, 0.5) };
}

/** `total` GETs from `clients` concurrent keep-alive clients; latency of each (ms). */
async function concurrentGets(base: string, path: string, clients: number, total: number): Promise<Summary> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let next = 0;
  const one = () => new Promise<void>((resolve, reject) => {
    const t0 = performance.now();
    http.get(`${base}${path}`, { agent, headers: authorized }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${path}: ${res.statusCode}`));
        latencies.push(performance.now() - t0);
        resolve();
      });
    }).on('error', reject);
  });
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next++ < total) await one();
  }));
  agent.destroy();
  return summarize(latencies);
}

/**
 * `clients` SSE connections and one raw core subscriber on signal.generated; per round, `events` stored
 * publishes at 50/s. Latency = publish call → the marker seen by each SSE client / by the subscriber.
 */
async function sseFanOut(nc: NatsConnection, base: string, clients: number, events: number): Promise<RatioRounds> {
  const received = new Map<string, number[]>();
  const rawReceived = new Map<string, number>();
  const sockets = await Promise.all(Array.from({ length: clients }, () => openStream(base, (marker) => {
    const list = received.get(marker) ?? [];
    list.push(performance.now());
    received.set(marker, list);
  })));
  const sub = nc.subscribe(Subjects.SignalGenerated, {
    callback: (_e, m) => rawReceived.set((JSON.parse(Buffer.from(m.data).toString()) as { marketId: string }).marketId, performance.now()),
  });
  const js = nc.jetstream();
  const out = { measured: [] as number[], floor: [] as number[], ratios: [] as number[] };
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const sent = new Map<string, number>();
      for (let i = 0; i < events; i++) {
        const marker = `sse-${r}-${i}`;
        sent.set(marker, performance.now());
        await js.publish(Subjects.SignalGenerated, encode({ ...envelope('bench'), marketId: marker }));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await waitFor(() => [...sent.keys()].every((k) => (received.get(k)?.length ?? 0) >= clients && rawReceived.has(k)), { what: 'every SSE client', timeoutMs: 30_000, intervalMs: 10 });
      const sse = [...sent].flatMap(([k, t0]) => received.get(k)!.map((t) => t - t0));
      const raw = [...sent].map(([k, t0]) => rawReceived.get(k)! - t0);
      const m = summarize(sse).p99;
      const f = summarize(raw).p99;
      out.measured.push(m);
      out.floor.push(f);
      out.ratios.push(m / f);
    }
  } finally {
    sub.unsubscribe();
    for (const s of sockets) s.destroy();
  }
  return { ...out, medianRatio: quantile(out.ratios, 0.5) };
}

const MARKER = /"marketId":"(sse-\d+-\d+)"/g;

/** One SSE connection that reports each bench marker it sees (a marker split across chunks is kept for the next). */
function openStream(base: string, onMarker: (marker: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/stream`, { headers: { ...authorized, Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET /api/stream: ${res.statusCode}`));
      res.setEncoding('utf8');
      let tail = '';
      res.on('data', (chunk: string) => {
        const text = tail + chunk;
        const cut = text.lastIndexOf('\n');
        for (const m of text.slice(0, cut + 1).matchAll(MARKER)) onMarker(m[1]);
        tail = text.slice(cut + 1);
      });
      resolve(req);
    });
    req.on('error', reject);
  });
}

/** Every .js file the dashboard build emits, each gzipped at level 9, summed. */
function dashboardJsGzip(): number | null {
  const root = join(workspaceRoot(), 'dist', 'apps', 'dashboard');
  let files: string[];
  try {
    files = walk(root).filter((f) => f.endsWith('.js'));
  } catch {
    return null;
  }
  return files.length ? files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0) : null;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
