import { workspaceRoot } from '@polytrader/platform';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { resolveRunAndSay } from './resolve-run';

/**
 * `polytrader collect --once [--json]`: one collection cycle now, without the other services.
 * The cycle code lives in the collector app; the CLI runs its entry in once-mode.
 */
export function collect(options: { once: boolean; json: boolean; db?: string }): Promise<number> {
  if (!options.once) {
    process.stderr.write('only --once is supported: the collector service runs the schedule (polytrader start)\n');
    return Promise.resolve(1);
  }
  // the running system's database, config and API URLs (the demo's simulator), or --db
  const run = resolveRunAndSay({ db: options.db });
  const entry = join(workspaceRoot(), 'dist', 'apps', 'collector', 'main.js');
  const args = [entry, '--once', ...(options.json ? ['--json'] : [])];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...run.childEnv } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
