import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const WORKSPACE_NAME = 'polytrader-workspace';

/** The repository root (where the workspace package.json is), found from any built or source file. */
export function workspaceRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === WORKSPACE_NAME) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** The system version: the workspace package.json version. */
export function systemVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(workspaceRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * Node flags every service process runs with unless serviceNodeFlags says otherwise (orchestrator, tests,
 * Dockerfile's NODE_OPTIONS). A 2 MB young-generation semi-space keeps an idle service at 85–95 MB RSS
 * instead of ~100–120 MB (V8's default grows it to 16 MB under message bursts); measured by `npm run bench`.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/**
 * Risk's flags. A 4 MB semi-space: at 1,000 signals/s a 2 MB one meant a scavenge every ~85 signals and
 * early promotion into the old generation (incremental-marking pauses of 3–7 ms): the bench's decision
 * p99 went from ~9 ms to ~6–7 ms, for ~4 MB more idle RSS (8 MB did no better within the machine's noise
 * and cost ~12 MB). Single-threaded GC: a parallel scavenge waits for V8's helper threads, which on a
 * small box compete with the NATS server for the other core — the bench's worst decision was lower
 * with it in 12 of 13 interleaved A/B runs (9–20 ms against 10–60 ms), p99 a little lower, CPU the same.
 * docker-compose.yml passes the same flags on risk's command line.
 */
export const RISK_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--single-threaded-gc'];

/** The node flags of one service's process. */
export function serviceNodeFlags(service: string): readonly string[] {
  return service === 'risk' ? RISK_NODE_FLAGS : SERVICE_NODE_FLAGS;
}
