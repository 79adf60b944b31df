import { ControlMessage, KillInfo, STREAMS, Subjects, parseControlMessage } from '@polytrader/contracts';
import { JetStreamManager, NatsConnection, StoredMsg, Subscription } from 'nats';
import type { Logger } from 'pino';
import { isNotFound } from '../bus/streams';

export type KillSwitchState = 'unknown' | 'running' | 'halted';

/** Where later issues plug in: stop fetching, reject orders, send the emergency alert. */
export interface HaltHook {
  onHalt(kill: KillInfo): void | Promise<void>;
  onResume?(reset: ControlMessage): void | Promise<void>;
}

export type StateListener = (state: KillSwitchState, kill: KillInfo | null) => void;

const CONTROL_STREAM = STREAMS.find((s) => s.subjects.includes(Subjects.SystemKill))!.name;
const RESTORE_RETRY_MS = 1000;

/**
 * Obeys system.kill and system.reset. Live messages arrive on core subscriptions (fast path);
 * the CONTROL stream holds them durably, and the last kill after the last reset decides the
 * state at start and after every reconnect. Fail-safe: until the state is known, isHalted() is
 * true; any payload on system.kill halts.
 */
export class KillSwitch {
  private state: KillSwitchState = 'unknown';
  private kill: KillInfo | null = null;
  private readonly hooks: HaltHook[] = [];
  private readonly listeners: StateListener[] = [];
  private readonly subs: Subscription[] = [];
  /** bumped by every live kill/reset, so a slower restore never overrides a newer live event */
  private epoch = 0;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly service: string,
    private readonly logger: Logger,
  ) {}

  /** Subscribes first, then restores, so no kill can fall between the two. */
  async start(): Promise<void> {
    this.subs.push(
      this.nc.subscribe(Subjects.SystemKill, { callback: (_e, m) => this.applyKill(parseControlMessage(m?.data)) }),
      this.nc.subscribe(Subjects.SystemReset, { callback: (_e, m) => this.applyReset(parseControlMessage(m?.data)) }),
    );
    await this.restore();
    void this.restoreOnReconnect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    for (const s of this.subs) s.unsubscribe();
  }

  /** True when halted or when the state could not be read yet (fail-safe). */
  isHalted(): boolean {
    return this.state !== 'running';
  }

  get current(): { state: KillSwitchState; kill: KillInfo | null } {
    return { state: this.state, kill: this.kill };
  }

  register(hook: HaltHook): void {
    this.hooks.push(hook);
    if (this.state === 'halted' && this.kill) this.runHook(() => hook.onHalt(this.kill!));
  }

  onStateChange(listener: StateListener): void {
    this.listeners.push(listener);
  }

  private applyKill(msg: ControlMessage): void {
    this.epoch++;
    this.halt({ reason: msg.reason, source: msg.source, ts: msg.ts });
  }

  private applyReset(msg: ControlMessage): void {
    this.epoch++;
    this.resume(msg);
  }

  private halt(kill: KillInfo): void {
    const wasHalted = this.state === 'halted';
    this.state = 'halted';
    this.kill = kill;
    this.logger.error({ metrics: { reason: kill.reason, source: kill.source } }, `HALTED by ${kill.source}: ${kill.reason}`);
    this.emit();
    if (!wasHalted) for (const h of this.hooks) this.runHook(() => h.onHalt(kill));
  }

  private resume(reset: ControlMessage): void {
    const wasRunning = this.state === 'running';
    this.state = 'running';
    this.kill = null;
    this.logger.warn({ metrics: { reason: reset.reason, source: reset.source } }, `resumed by system.reset from ${reset.source}`);
    this.emit();
    if (!wasRunning) for (const h of this.hooks) if (h.onResume) this.runHook(() => h.onResume!(reset));
  }

  private emit(): void {
    for (const l of this.listeners) {
      try {
        l(this.state, this.kill);
      } catch (err) {
        this.logger.error({ err }, 'kill-switch listener failed');
      }
    }
  }

  private runHook(fn: () => void | Promise<void>): void {
    try {
      void Promise.resolve(fn()).catch((err) => this.logger.error({ err }, 'halt hook failed'));
    } catch (err) {
      this.logger.error({ err }, 'halt hook failed');
    }
  }

  /** Reads the last kill and reset from the CONTROL stream; the later one wins. */
  async restore(): Promise<void> {
    const epoch = this.epoch;
    try {
      const [kill, reset] = await Promise.all([this.last(Subjects.SystemKill), this.last(Subjects.SystemReset)]);
      if (epoch !== this.epoch || this.stopped) return;
      if (kill && (!reset || kill.seq > reset.seq)) {
        const msg = parseControlMessage(kill.data, kill.time);
        if (this.state !== 'halted' || this.kill?.ts !== msg.ts) {
          this.logger.warn('system.kill found on the bus without a later reset: starting halted');
          this.halt({ reason: msg.reason, source: msg.source, ts: msg.ts });
        }
      } else if (this.state !== 'running') {
        if (this.state === 'halted') this.resume(parseControlMessage(reset?.data, reset?.time));
        else {
          this.state = 'running';
          this.emit();
        }
      }
    } catch (err) {
      this.logger.error({ err }, `cannot read kill-switch state from stream ${CONTROL_STREAM}; staying halted, retrying`);
      clearTimeout(this.retry);
      if (!this.stopped) this.retry = setTimeout(() => void this.restore(), RESTORE_RETRY_MS);
    }
  }

  private async last(subject: string): Promise<StoredMsg | null> {
    try {
      return await this.jsm.streams.getMessage(CONTROL_STREAM, { last_by_subj: subject });
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /** Kills published while we were disconnected only reached the stream: re-read it. */
  private async restoreOnReconnect(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (this.stopped) return;
      if (s.type === 'reconnect') await this.restore();
    }
  }
}
