import type { KillInfo, RunNowOutcome } from '@polytrader/contracts';
import type { Logger } from 'pino';
import type { HaltHook, KillSwitch } from '../kill-switch';

export interface PeriodicJobOptions<R> {
  /** for logs: "<name> failed" */
  readonly name: string;
  /**
   * Trading work obeys the kill switch: aborted on kill, nothing scheduled until reset. Without one, the job
   * keeps running while the system is halted — for work that is not trading (alerts, maintenance).
   */
  readonly killSwitch?: KillSwitch;
  readonly logger: Logger;
  /** the work; it must stop sending requests soon after `signal` aborts (kill, shutdown) */
  readonly run: (signal: AbortSignal) => Promise<R>;
  /** ms from now until the next scheduled run (a grid slot, a cron time) */
  readonly nextDelayMs: () => number;
  /** ms from start until the first run; default nextDelayMs() */
  readonly firstDelayMs?: () => number;
  /** called with every finished run's result (heartbeat, last report) */
  readonly onDone?: (result: R) => void;
  /**
   * After a scheduled run: ms until the next run when it should come sooner than the schedule (the data it
   * needs was not there yet, e.g. a first start), or null to follow nextDelayMs. A failed run passes null.
   */
  readonly retryDelayMs?: (result: R | null) => number | null;
}

/**
 * A job that runs on a schedule (and, given a kill switch, obeys it) — the one implementation behind every
 * service's scheduler. Never two runs at once; on kill the running run is aborted and nothing is
 * scheduled until system.reset; a failing run is logged and the schedule carries on.
 */
export class PeriodicJob<R> implements HaltHook {
  private timer?: NodeJS.Timeout;
  private running?: AbortController;
  private stopped = false;

  constructor(private readonly options: PeriodicJobOptions<R>) {}

  /** Registers with the kill switch and schedules the first run unless the system is halted. */
  start(): void {
    this.options.killSwitch?.register(this);
    if (this.halted()) return;
    this.schedule((this.options.firstDelayMs ?? this.options.nextDelayMs)());
  }

  /** Service shutdown: no further run; the running one is aborted. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.running?.abort(new Error('service stopping'));
  }

  onHalt(kill: KillInfo): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running?.abort(new Error(`halted: ${kill.reason}`));
  }

  onResume(): void {
    this.schedule(this.options.nextDelayMs());
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /**
   * A run now, not waited for ('started'), or why not. `run` is the owner's way in when it wraps
   * runOnce (the analyzer lifts its cron gate around it).
   */
  startNow(run: () => Promise<unknown> = () => this.runOnce()): RunNowOutcome {
    if (this.stopped) return 'stopping';
    if (this.halted()) return 'halted';
    if (this.running) return 'running';
    void run();
    return 'started';
  }

  /** One run now, unless halted, stopped or one is already running (then null). */
  async runOnce(): Promise<R | null> {
    if (this.halted() || this.running || this.stopped) return null;
    const controller = new AbortController();
    this.running = controller;
    try {
      const result = await this.options.run(controller.signal);
      this.options.onDone?.(result);
      return result;
    } catch (err) {
      this.options.logger.error({ err }, `${this.options.name} failed`);
      return null;
    } finally {
      this.running = undefined;
    }
  }

  private halted(): boolean {
    return this.options.killSwitch?.isHalted() ?? false;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      const result = await this.runOnce();
      if (this.halted()) return;
      this.schedule(this.options.retryDelayMs?.(result) ?? this.options.nextDelayMs());
    }, Math.max(0, delayMs));
  }
}
