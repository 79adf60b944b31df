import { serviceNodeFlags, workspaceRoot } from '@polytrader/platform';
import { freePort, waitFor } from '@polytrader/platform/testing';
import { ChildProcess, spawn } from 'node:child_process';
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
 * `clients` dashboards polling the gateway as fast as it answers (each: its paths one after another, again),
 * until stop(). Answers the number of requests made.
 */
export function pollGateway(url: string, clients: number, paths: readonly string[]): { stop(): Promise<number> } {
  let running = true;
  let requests = 0;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      for (const path of paths) {
        const res = await fetch(`${url}${path}`, { headers: authorized });
        await res.arrayBuffer();
        requests++;
      }
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return requests;
    },
  };
}
