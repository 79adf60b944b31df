import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { freePort, waitFor } from './free-port';

export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  stop(): Promise<void>;
  /** stops the process but keeps the store, so a restart finds the same streams */
  restart(): Promise<void>;
}

export function natsServerBinary(): string | null {
  for (const candidate of [process.env.NATS_SERVER_BIN, 'nats-server', '/usr/sbin/nats-server', '/usr/local/bin/nats-server']) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return null;
}

/** A private `nats-server -js` on a free port with its store in a temp dir — never the shared :4222. */
export async function startNatsServer(options: { jetstream?: boolean } = {}): Promise<NatsServerHandle> {
  const bin = natsServerBinary();
  if (!bin) throw new Error('nats-server not found: install it (apt-get install -y nats-server) or set NATS_SERVER_BIN');
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'polytrader-nats-'));
  const url = `nats://127.0.0.1:${port}`;
  let proc: ChildProcess;
  const launch = async () => {
    const js = options.jetstream === false ? [] : ['-js', '-sd', storeDir];
    proc = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), ...js], { stdio: 'ignore' });
    await waitFor(async () => {
      const nc = await connect({ servers: url, timeout: 500 });
      await nc.close();
      return true;
    }, { what: `nats-server on ${url}`, timeoutMs: 10_000 });
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      if (!proc || proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  await launch();
  return {
    url,
    port,
    storeDir,
    stop: async () => {
      await kill();
      rmSync(storeDir, { recursive: true, force: true });
    },
    restart: async () => {
      await kill();
      await launch();
    },
  };
}
