import { serviceNodeFlags, workspaceRoot } from '@polytrader/platform';
import { freePort, waitFor } from '@polytrader/platform/testing';
import { ChildProcess, fork, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_GATEWAY_TOKEN = 'bench-gateway-token';

export interface GatewayProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  stop(): Promise<void>;
}

/** The gateway as production runs it (dist/apps/gateway/main.js), reading `databaseUrl`, on a free port. */
export async function spawnGateway(natsUrl: string, databaseUrl: string, dir: string): Promise<GatewayProcess> {
  const port = await freePort();
  const configFile = join(dir, 'gateway-config.yaml');
  writeFileSync(configFile, ['logging:', '  file: false', '  level: warn', 'gateway:', '  host: 127.0.0.1'].join('\n'));
  const proc = spawn(process.execPath, [...serviceNodeFlags('gateway'), join(workspaceRoot(), 'dist', 'apps', 'gateway', 'main.js')], {
    cwd: dir, stdio: ['ignore', 'ignore', 'inherit'],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, POLYTRADER_CONFIG: configFile, NATS_URL: natsUrl, DATABASE_URL: databaseUrl, GATEWAY_PORT: String(port), GATEWAY_TOKEN: BENCH_GATEWAY_TOKEN },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/health`).catch(() => null))?.ok === true, { what: 'the gateway', timeoutMs: 30_000 });
  return {
    url, proc,
    stop: () => new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    }),
  };
}

export const authorized = { Authorization: `Bearer ${BENCH_GATEWAY_TOKEN}` };

/**
 * `clients` dashboards polling the gateway from a process of their own (gateway-poller.js: the
 * measuring process's event loop must not carry their load), each fetching its paths one after
 * another every `intervalMs`. stop() answers the number of requests made.
 */
export function pollGateway(url: string, clients: number, paths: readonly string[], intervalMs: number): { stop(): Promise<number> } {
  const child = fork(join(__dirname, 'gateway-poller.js'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH, POLL_URL: url, POLL_CLIENTS: String(clients), POLL_PATHS: paths.join(' '), POLL_INTERVAL_MS: String(intervalMs), POLL_TOKEN: BENCH_GATEWAY_TOKEN },
  });
  return {
    stop: () => new Promise((resolve, reject) => {
      child.once('message', (m) => resolve((m as { requests: number }).requests));
      child.once('exit', (code) => reject(new Error(`gateway poller exited with ${code}`)));
      child.send('stop');
    }),
  };
}
