import { workspaceRoot } from '@polytrader/platform';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { resolveRunAndSay } from './resolve-run';

/**
 * `polytrader analyze [--json] [--top N]`: one analysis run now (Granger ranking and microstructure),
 * without the other services. The run lives in the analyzer app; the CLI runs its entry in once-mode.
 */
export function analyze(options: { json: boolean; top?: number; db?: string }): Promise<number> {
  // the running system's database and grid (its config file), or --db
  const run = resolveRunAndSay({ db: options.db });
  const entry = join(workspaceRoot(), 'dist', 'apps', 'analyzer', 'main.js');
  const args = [entry, '--once', ...(options.json ? ['--json'] : []), ...(options.top === undefined ? [] : ['--top', String(options.top)])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...run.childEnv } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
