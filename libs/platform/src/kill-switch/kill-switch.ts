import { ControlMessage, KillInfo, STREAMS, Subjects, parseControlMessage } from '@polytrader/contracts';
import { createHash } from 'node:crypto';
import { JetStreamManager, NatsConnection, StoredMsg, Subscription } from 'nats';
import type { Logger } from 'pino';
import { isNoMessage, isStreamMissing } from '../bus/streams';
import { ControlLedger, ControlMark, controlWipeReason } from './control-ledger';
import { publishControl } from './publish-control';

export type KillSwitchState = 'unknown' | 'running' | 'halted';

/**
 * Why the switch entered `running`: `reset` when a system.reset released a kill this service held
 * (live, or found in CONTROL after a reconnect); `boot` when the first state read found the system
 * running (no kill stored, or the stored kill already reset before this service looked).
 */
export type ResumeCause = 'reset' | 'boot';

/** Where services plug in: stop fetching, reject orders, send the emergency alert; start jobs again. */
export interface HaltHook {
  onHalt(kill: KillInfo): void | Promise<void>;
  /** Runs on EVERY transition into `running`, whatever the cause: the one place jobs are (re)started. */
  onResume?(reset: ControlMessage, cause: ResumeCause): void | Promise<void>;
}

export type StateListener = (state: KillSwitchState, kill: KillInfo | null) => void;

const CONTROL_STREAM = STREAMS.find((s) => s.subjects.includes(Subjects.SystemKill))!.name;
const RESTORE_RETRY_MS = 1000;
/** How long after a live kill we look whether CONTROL stored it (the publisher's own store is that fast). */
const STORED_CHECK_MS = 250;
/** First-seen times are bucketed so that services seeing one live kill derive the same message id. */
const ID_BUCKET_MS = 60_000;
/** How long after a live kill/reset the ledger records CONTROL's newest sequence (the publisher stores it first). */
const LEDGER_DELAY_MS = 1000;
/**
 * How long a live reset outranks a CONTROL read that does not hold it yet: core delivers a message a moment
 * before JetStream stores it, so a restore started in between would read the kill before it and re-halt.
 */
const LIVE_RESET_GRACE_MS = 2000;

/** A live kill this service obeyed but has not yet seen in CONTROL. */
interface UnstoredKill {
  readonly data: Uint8Array;
  readonly firstSeen: number;
}

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
  private unstored: UnstoredKill | null = null;
  /** The last live reset, until CONTROL is seen holding it (or the grace ran out). */
  private liveReset: { readonly data: Uint8Array; readonly at: number } | null = null;
  private bootReset: ControlMessage = { reason: 'no kill stored', source: 'kill-switch', ts: new Date().toISOString() };
  private storeTimer?: NodeJS.Timeout;
  private ledgerTimer?: NodeJS.Timeout;
  /** CONTROL was found missing: when it exists again it is a new, empty stream, whatever the ledger says */
  private missingSeen = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly service: string,
    private readonly logger: Logger,
    /** the database's memory of CONTROL: without one a wiped stream cannot be told from a fresh install */
    private readonly ledger?: ControlLedger,
  ) {}

  /** Subscribes first, then restores, so no kill can fall between the two. */
  async start(): Promise<void> {
    this.subs.push(
      this.nc.subscribe(Subjects.SystemKill, { callback: (_e, m) => this.applyKill(parseControlMessage(m?.data), m?.data) }),
      this.nc.subscribe(Subjects.SystemReset, { callback: (_e, m) => this.applyReset(parseControlMessage(m?.data), m?.data) }),
    );
    await this.restore();
    void this.restoreOnReconnect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearTimeout(this.storeTimer);
    clearTimeout(this.ledgerTimer);
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
    // A hook that arrives after the first state read said running gets that transition too.
    else if (this.state === 'running' && hook.onResume) this.runHook(() => hook.onResume!(this.bootReset, 'boot'));
  }

  onStateChange(listener: StateListener): void {
    this.listeners.push(listener);
  }

  private applyKill(msg: ControlMessage, data: Uint8Array = new Uint8Array()): void {
    this.epoch++;
    this.liveReset = null;
    this.unstored = { data, firstSeen: Date.now() };
    this.halt({ reason: msg.reason, source: msg.source, ts: msg.ts });
    this.scheduleStore(STORED_CHECK_MS);
    this.scheduleLedgerAdvance();
  }

  private applyReset(msg: ControlMessage, data: Uint8Array = new Uint8Array()): void {
    this.epoch++;
    this.liveReset = { data, at: Date.now() };
    this.unstored = null;
    clearTimeout(this.storeTimer);
    this.resume(msg, 'reset');
    this.scheduleLedgerAdvance();
  }

  private halt(kill: KillInfo): void {
    const wasHalted = this.state === 'halted';
    this.state = 'halted';
    this.kill = kill;
    this.logger.error({ metrics: { reason: kill.reason, source: kill.source } }, `HALTED by ${kill.source}: ${kill.reason}`);
    this.emit();
    if (!wasHalted) for (const h of this.hooks) this.runHook(() => h.onHalt(kill));
  }

  /** The only way into `running`: every hook's onResume fires on each transition, so jobs always start. */
  private resume(reset: ControlMessage, cause: ResumeCause): void {
    if (this.state === 'running') return;
    this.state = 'running';
    this.kill = null;
    if (cause === 'reset') this.logger.warn({ metrics: { reason: reset.reason, source: reset.source } }, `resumed by system.reset from ${reset.source}`);
    else this.logger.info('kill-switch state read: running');
    this.emit();
    for (const h of this.hooks) if (h.onResume) this.runHook(() => h.onResume!(reset, cause));
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
      await this.storeUnstoredKill();
      const { kill, reset } = await this.lastControl();
      if (epoch !== this.epoch || this.stopped) return;
      const wipe = await this.checkLedger(kill, reset);
      if (wipe) {
        await this.haltOnWipe(wipe.reason, wipe.seen, wipe.key);
        if (!this.stopped) void this.restore();
        return;
      }
      if (epoch !== this.epoch || this.stopped) return;
      if (kill && killHolds(kill, reset)) {
        if (this.deferToLiveReset(reset)) return;
        const msg = parseControlMessage(kill.data, kill.time);
        if (this.state !== 'halted' || this.kill?.ts !== msg.ts) {
          this.logger.warn('system.kill found on the bus without a later reset: starting halted');
          this.halt({ reason: msg.reason, source: msg.source, ts: msg.ts });
        }
      } else if (this.state !== 'running') {
        this.resume(parseControlMessage(reset?.data, reset?.time), this.state === 'halted' ? 'reset' : 'boot');
      }
    } catch (err) {
      if (isStreamMissing(err) && this.state !== 'unknown') {
        // Deleted after we read it: halted, never "no kill". When it is back, restore finds the wipe and stores a kill in it.
        // (Before a first read, `unknown` already counts as halted; start-up creates the stream before reading it.)
        this.missingSeen = true;
        if (this.state !== 'halted') this.halt({ reason: `${CONTROL_STREAM} stream is missing: kill-switch state unknown`, source: 'kill-switch', ts: new Date().toISOString() });
      }
      this.logger.error({ err }, `cannot read kill-switch state from stream ${CONTROL_STREAM}; staying halted, retrying`);
      clearTimeout(this.retry);
      if (!this.stopped) this.retry = setTimeout(() => void this.restore(), RESTORE_RETRY_MS);
    }
  }

  /**
   * True when a live reset that CONTROL does not hold yet is younger than the grace: the read is older than
   * what this service already obeyed, so it reads again once the grace is over (then CONTROL decides).
   */
  private deferToLiveReset(storedReset: StoredMsg | null): boolean {
    const live = this.liveReset;
    if (!live) return false;
    if (storedReset && sameBytes(storedReset.data, live.data)) {
      this.liveReset = null;
      return false;
    }
    const left = live.at + LIVE_RESET_GRACE_MS - Date.now();
    if (left <= 0) {
      this.liveReset = null;
      this.logger.warn(`a live system.reset was never stored in ${CONTROL_STREAM}: the stored kill decides`);
      return false;
    }
    clearTimeout(this.retry);
    if (!this.stopped) this.retry = setTimeout(() => void this.restore(), left);
    return true;
  }

  /**
   * Compares what CONTROL holds with what the database recorded of it. A deleted, recreated or purged
   * stream is a wipe; otherwise the mark is raised to the newest kill/reset seen. Any error reaches
   * restore's retry, so the service stays in its fail-safe state until the comparison could be made.
   */
  private async checkLedger(kill: StoredMsg | null, reset: StoredMsg | null): Promise<{ reason: string; seen: ControlMark; key: string } | null> {
    if (!this.ledger && !this.missingSeen) return null;
    const seen = await this.seenMark(kill, reset);
    const mark = this.ledger ? await this.ledger.read() : null;
    // services that find the same wipe derive the same id (stored once); a later wipe of the same stream gets its own
    const key = createHash('sha256').update(`${mark?.streamCreated ?? '-'}|${mark?.lastSeq ?? '-'}|${seen.streamCreated}|${seen.lastSeq}`).digest('hex').slice(0, 32);
    const reason = mark ? controlWipeReason(mark, seen) : null;
    if (reason) return { reason, seen, key };
    if (this.missingSeen) return { reason: `${CONTROL_STREAM} stream was deleted while ${this.service} ran; it now holds the stream created ${seen.streamCreated}`, seen, key };
    if (!mark) await this.ledger!.adopt(seen);
    else if (seen.lastSeq > mark.lastSeq) await this.ledger!.advance(seen);
    return null;
  }

  /**
   * A wiped CONTROL: halt, and store a kill in the new stream so that every service (and every later
   * start) reads halted from it until a human resets; the notifier alerts on that kill. Services that find
   * the same wipe share one id per stream, so the kill is stored once.
   */
  private async haltOnWipe(reason: string, seen: ControlMark, key: string): Promise<void> {
    this.halt({ reason, source: 'kill-switch', ts: new Date().toISOString() });
    const stored = await publishControl(this.nc, 'kill', { reason, source: 'kill-switch', idempotencyKey: `control-wiped-${key}`, metrics: { service: this.service } });
    this.logger.fatal({ metrics: { seq: stored.seq, duplicate: stored.duplicate } }, `${reason}: halted, stored a kill in the new stream`);
    await this.ledger?.adopt({ streamCreated: seen.streamCreated, lastSeq: stored.seq });
    this.missingSeen = false;
  }

  /** After a live kill or reset, the newest seq in CONTROL is recorded, so a later purge is noticed. */
  private scheduleLedgerAdvance(): void {
    if (!this.ledger || this.stopped) return;
    clearTimeout(this.ledgerTimer);
    this.ledgerTimer = setTimeout(() => void this.advanceLedger().catch((err) => this.logger.warn({ err }, 'could not record the CONTROL sequence in the database')), LEDGER_DELAY_MS);
  }

  private async advanceLedger(): Promise<void> {
    const [{ kill, reset }, mark] = await Promise.all([this.lastControl(), this.ledger!.read()]);
    const seen = await this.seenMark(kill, reset);
    // a different stream is restore's business (it halts); only the same stream's mark moves here
    if (mark && mark.streamCreated === seen.streamCreated && seen.lastSeq > mark.lastSeq) await this.ledger!.advance(seen);
  }

  private scheduleStore(delayMs: number): void {
    clearTimeout(this.storeTimer);
    if (this.stopped) return;
    this.storeTimer = setTimeout(() => {
      this.storeUnstoredKill().catch((err) => {
        this.logger.error({ err }, `live system.kill not yet stored in ${CONTROL_STREAM}; staying halted, retrying`);
        this.scheduleStore(RESTORE_RETRY_MS);
      });
    }, delayMs);
  }

  /**
   * A live kill the stream lacks (JetStream was down or refused it at publish time) would be undone by the
   * next restore, which reads an older reset as the latest word. So the halted service stores it itself, unless
   * CONTROL already says halted. The id comes from the kill's bytes and its bucketed first-seen time: services
   * that saw the same kill store it once (CONTROL's duplicate window), and the stream's sequence orders it
   * against every reset, whatever each service's clock says.
   */
  private async storeUnstoredKill(): Promise<void> {
    const pending = this.unstored;
    if (!pending) return;
    const { kill, reset } = await this.lastControl();
    if (!(kill && killHolds(kill, reset))) {
      const id = createHash('sha256').update(pending.data).update(String(Math.floor(pending.firstSeen / ID_BUCKET_MS))).digest('hex');
      const ack = await this.nc.jetstream().publish(Subjects.SystemKill, pending.data, { msgID: `kill-${id.slice(0, 32)}` });
      this.logger.warn({ metrics: { seq: ack.seq, duplicate: ack.duplicate } }, `stored a live system.kill that ${CONTROL_STREAM} lacked`);
    }
    if (this.unstored === pending) this.unstored = null;
  }

  /** The last kill and the last reset CONTROL holds (null each when none). */
  private async lastControl(): Promise<{ kill: StoredMsg | null; reset: StoredMsg | null }> {
    const [kill, reset] = await Promise.all([this.last(Subjects.SystemKill), this.last(Subjects.SystemReset)]);
    return { kill, reset };
  }

  /** Which CONTROL stream this is and how far it got, as the ledger records it. */
  private async seenMark(kill: StoredMsg | null, reset: StoredMsg | null): Promise<ControlMark> {
    const info = await this.jsm.streams.info(CONTROL_STREAM);
    return { streamCreated: String(info.created), lastSeq: Math.max(kill?.seq ?? 0, reset?.seq ?? 0) };
  }

  private async last(subject: string): Promise<StoredMsg | null> {
    try {
      return await this.jsm.streams.getMessage(CONTROL_STREAM, { last_by_subj: subject });
    } catch (err) {
      if (isNoMessage(err)) return null;
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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** The stored kill is the latest word: no reset after it (ordered by stream sequence, never by clocks). */
function killHolds(kill: StoredMsg, reset: StoredMsg | null): boolean {
  return !reset || kill.seq > reset.seq;
}
