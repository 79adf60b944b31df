import { ChildProcess, spawn } from 'node:child_process';
import { STABLE_AFTER_MS, restartDelayMs } from './backoff';

export interface SupervisedSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** pass the child's stdout through (its JSON log lines); stderr always passes */
  readonly verbose: boolean;
}

export type SupervisorEvent = { kind: 'started' | 'exited' | 'restarting'; name: string; pid?: number; code?: number | null; signal?: string | null; delayMs?: number };

/** Keeps one child process running: restarts it with exponential backoff when it dies unasked. */
export class Supervisor {
  private child?: ChildProcess;
  private crashes = 0;
  private stopping = false;
  private timer?: NodeJS.Timeout;
  private startedAt = 0;

  constructor(
    readonly spec: SupervisedSpec,
    private readonly onEvent: (e: SupervisorEvent) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const { spec } = this;
    this.startedAt = Date.now();
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', spec.verbose ? 'inherit' : 'ignore', 'inherit'],
    });
    this.child = child;
    this.onEvent({ kind: 'started', name: spec.name, pid: child.pid });
    child.once('exit', (code, signal) => {
      this.onEvent({ kind: 'exited', name: spec.name, pid: child.pid, code, signal });
      if (this.stopping) return;
      if (Date.now() - this.startedAt > STABLE_AFTER_MS) this.crashes = 0;
      this.crashes++;
      const delayMs = restartDelayMs(this.crashes);
      this.onEvent({ kind: 'restarting', name: spec.name, delayMs });
      this.timer = setTimeout(() => this.start(), delayMs);
    });
  }

  /** SIGTERM, then SIGKILL after the grace period; resolves when the child is gone. */
  stop(graceMs: number): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
