import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The built `polytrader` command (tests run it as a user does). */
export const CLI_BIN = join(__dirname, '../../bin/polytrader.js');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs `polytrader <args>` in its own process with only PATH and `env` set. Async, so that a simulator or
 * NATS server in the test's process can answer the command while it runs.
 */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI_BIN, ...args], { cwd, env: { PATH: process.env.PATH, ...env } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}
