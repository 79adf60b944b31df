import type { KillInfo } from '@polytrader/contracts';

const HOUR_MS = 3600_000;

/**
 * At most one "not allowed" reply per chat per hour (a sliding hour): a stranger spamming the bot
 * costs one reply, not one per message, and cannot use the bot's rate budget against the owner's alerts.
 * Seeded at start from the refusals queued or sent in the last hour, so a restart does not reset it.
 */
export class RefusalLimiter {
  private readonly last = new Map<number, number>();

  constructor(private readonly windowMs = HOUR_MS) {}

  /** Remembers refusals found in the database (chat id → ISO time). */
  seed(latest: ReadonlyMap<string, string>): void {
    for (const [chat, iso] of latest) {
      const at = Date.parse(iso);
      const id = Number(chat);
      if (Number.isFinite(at) && Number.isFinite(id) && at > (this.last.get(id) ?? -Infinity)) this.last.set(id, at);
    }
  }

  /** True (and recorded) when this chat got no refusal within the window. */
  take(chatId: number, nowMs: number): boolean {
    const prev = this.last.get(chatId);
    if (prev !== undefined && nowMs - prev < this.windowMs) return false;
    if (this.last.size > 10_000) for (const [id, at] of this.last) if (nowMs - at >= this.windowMs) this.last.delete(id);
    this.last.set(chatId, nowMs);
    return true;
  }
}

/**
 * The latest kill the notifier knows of (epoch ms): the last one stored in CONTROL at start, and every
 * kill the kill switch sees after. Kept across resets — a /reset sent before a newer kill must not undo it.
 */
export class KillClock {
  private latest: number | null = null;

  note(kill: Pick<KillInfo, 'ts'> | { ts?: string | Date } | null | undefined): void {
    const ts = kill?.ts instanceof Date ? kill.ts.getTime() : typeof kill?.ts === 'string' ? Date.parse(kill.ts) : NaN;
    if (Number.isFinite(ts) && (this.latest === null || ts > this.latest)) this.latest = ts;
  }

  get latestMs(): number | null {
    return this.latest;
  }
}
