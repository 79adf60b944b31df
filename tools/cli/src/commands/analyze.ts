import { workspaceRoot } from '@polytrader/platform';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { resolveRunAndSay } from './resolve-run';
import { runNowTarget, runNowViaGateway } from './run-now';

/**
 * `polytrader analyze [--json] [--top N]`: one analysis run now (Granger ranking and microstructure).
 * With a running system (and no --db or --once) the running analyzer is asked through the gateway
 * (POST /api/analyze; --top does not apply there, the ranking is read with `polytrader market`/the API).
 * Otherwise the run is made in this process, without the other services (the analyzer app's entry in once-mode).
 */
export function analyze(options: { json: boolean; top?: number; db?: string; once?: boolean; gateway?: string }): Promise<number> {
  const target = runNowTarget(options);
  if (target) {
    if (options.top !== undefined) process.stderr.write('--top applies to an offline run only (--once or --db); the running analyzer ranks every market\n');
    return runNowViaGateway(target, '/api/analyze', options.json);
  }
  // the running system's database and grid (its config file), or --db
  const run = resolveRunAndSay({ db: options.db });
  const entry = join(workspaceRoot(), 'dist', 'apps', 'analyzer', 'main.js');
  const args = [entry, '--once', ...(options.json ? ['--json'] : []), ...(options.top === undefined ? [] : ['--top', String(options.top)])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...run.childEnv } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
