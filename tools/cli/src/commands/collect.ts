import { workspaceRoot } from '@polytrader/platform';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { resolveRunAndSay } from './resolve-run';
import { runNowTarget, runNowViaGateway } from './run-now';

/**
 * `polytrader collect [--once] [--json]`: one collection cycle now. With a running system (and no --db or
 * --once) the running collector is asked through the gateway (POST /api/collect); otherwise the cycle runs
 * in this process, without the other services: the cycle code lives in the collector app, the CLI runs its
 * entry in once-mode.
 */
export function collect(options: { once: boolean; json: boolean; db?: string; gateway?: string }): Promise<number> {
  const target = runNowTarget(options);
  if (target) return runNowViaGateway(target, '/api/collect', options.json);
  // the running system's database, config and API URLs (the demo's simulator), or --db
  const run = resolveRunAndSay({ db: options.db });
  const entry = join(workspaceRoot(), 'dist', 'apps', 'collector', 'main.js');
  const args = [entry, '--once', ...(options.json ? ['--json'] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...run.childEnv } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
