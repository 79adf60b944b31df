import { natsServerBinary } from '@polytrader/platform/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect } from 'nats';

/** True when a NATS server answers at url within the timeout. */
export async function natsAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const nc = await connect({ servers: url, timeout: timeoutMs, maxReconnectAttempts: 0, reconnect: false });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

export const NO_NATS_HELP = (url: string) =>
  `No NATS server answers at ${url}, and no nats-server binary is installed to start one.\n` +
  `Install one (Debian/Ubuntu: sudo apt-get install -y nats-server), run one with Docker\n` +
  `(docker run -d -p 4222:4222 nats:2.10-alpine -js), or point NATS_URL at yours.`;

/**
 * Starts `nats-server -js` for the system when none answers at a local URL.
 * Its store lives under data/nats so the halted state survives a restart.
 */
export async function startLocalNats(url: string, logDir: string): Promise<ChildProcess | null> {
  const bin = natsServerBinary();
  const u = new URL(url.split(',')[0]);
  if (!bin || !['127.0.0.1', 'localhost', '0.0.0.0'].includes(u.hostname)) return null;
  const storeDir = resolve('data/nats');
  mkdirSync(storeDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const log = openSync(resolve(logDir, 'nats-server.txt'), 'a');
  const child = spawn(bin, ['-js', '-a', u.hostname === 'localhost' ? '127.0.0.1' : u.hostname, '-p', u.port || '4222', '-sd', storeDir], {
    stdio: ['ignore', log, log],
  });
  for (let i = 0; i < 50; i++) {
    if (await natsAnswers(url, 200)) return child;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`started ${bin} for ${url} but it did not answer; see ${logDir}/nats-server.txt`);
}
