import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HeartbeatEvent, RiskCommandEvent, RebalanceSuggestion, Subjects, envelope, parse, parseControlMessage, streamFor } from '@polytrader/contracts';
import { StageTimingStore, type NewAlert } from '@polytrader/persistence';
import {
  AppConfig, EventBus, Heartbeat, KillSwitch, PeriodicJob, ROOT_LOGGER, SECRETS, SERVICE_RUNTIME, Secrets, ServiceRuntime, calendarDay, isNotFound,
  StageTimingBuffer, nextDailyTime, publishControl, startOfDay,
} from '@polytrader/platform';
import type { Logger } from 'pino';
import { AlertIntake } from './alerts/alert-intake';
import type { AlertDraft } from './alerts/alert-kind';
import { MarketTitles } from './alerts/market-titles';
import { HealthChange, dailySummaryMessage, healthMessage, rejectionSummaryMessage } from './alerts/messages';
import { CommandContext, IncomingText, handleCommand } from './commands/commands';
import { KillClock, RefusalLimiter } from './commands/guards';
import { CommandPoller } from './commands/command-poller';
import { DeliveryWorker } from './delivery/delivery-worker';
import { TelegramApi, createBot, telegramTokenScrubber } from './delivery/telegram-api';
import { HealthMonitor } from './health/health-monitor';
import { ControlAlertsConsumer } from './intake/control-alerts.consumer';
import { TradingAlerts } from './intake/trading-alerts';
import { NotifierDatabase } from './notifier.database';

/** Delivery attempts' stage timings are written this often, in one insert (docs/profiler.md). */
const STAGE_TIMING_FLUSH_MS = 60_000;

/**
 * Wires the notifier: alerts in (bus handlers, kill/reset consumers, heartbeats, summaries) → outbox →
 * delivery worker → Telegram; commands in through the one getUpdates poller. Keeps running while the
 * system is halted: trading halts, telling the owner does not. Never waits for Telegram at start.
 */
@Injectable()
export class NotifierService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  trading!: TradingAlerts;
  intake!: AlertIntake;
  readonly health = new HealthMonitor('notifier');
  private titles!: MarketTitles;
  private worker: DeliveryWorker | null = null;
  private poller: CommandPoller | null = null;
  private control!: ControlAlertsConsumer;
  private scrub = telegramTokenScrubber(null);
  private readonly refusals = new RefusalLimiter();
  private readonly kills = new KillClock();
  /** Alerts are not trading: these jobs keep running while the system is halted (no kill switch). */
  private readonly jobs: PeriodicJob<void>[] = [];
  private timings?: StageTimingBuffer;

  constructor(
    private readonly config: AppConfig,
    @Inject(SECRETS) private readonly secrets: Secrets,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly db: NotifierDatabase,
    private readonly bus: EventBus,
    private readonly killSwitch: KillSwitch,
    private readonly heartbeat: Heartbeat,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const a = this.config.alerts;
    const stores = this.db.stores;
    const token = this.secrets.telegramBotToken;
    const bot = token ? createBot(token, a.telegram_api_root) : null;
    this.scrub = telegramTokenScrubber(token);
    if (!bot) {
      this.logger.warn('TELEGRAM_BOT_TOKEN is not set: alerts go to the log only and Telegram commands are off. Set it to send alerts to Telegram.');
    } else {
      if (a.chat_ids.length === 0) this.logger.warn('alerts.chat_ids is empty: alerts go to the log only. List the chats that should receive them.');
      if (a.admin_chat_ids.length === 0) this.logger.info('alerts.admin_chat_ids is empty: nobody may send commands (deny by default)');
      if (a.admin_user_ids.length === 0) {
        this.logger.warn('alerts.admin_user_ids is empty: /kill, /reset and /reduce are refused to everyone (fail closed). ' +
          'List the Telegram user ids of the owners (env TELEGRAM_ADMIN_USER_IDS); the kill switch stays reachable by CLI and gateway.');
      }
      this.timings = new StageTimingBuffer(new StageTimingStore(this.db.dataSource), STAGE_TIMING_FLUSH_MS, this.logger);
      this.timings.start();
      this.worker = new DeliveryWorker(a, stores.alerts, new TelegramApi(bot, a.request_timeout_ms, this.scrub), this.bus, this.logger, this.runtime.metrics, this.timings);
    }
    this.intake = new AlertIntake(a, stores.alerts, this.logger, bot !== null, (chats) => this.worker?.wake(chats));
    this.titles = new MarketTitles(stores.markets, this.logger);
    this.trading = new TradingAlerts(this.intake, this.titles, stores.rejections, a.min_signal_strength);
    this.control = new ControlAlertsConsumer(this.bus, this.runtime.jsm, this.config.bus, (d) => this.intake.accept(d), this.logger);
    await this.control.start();
    await this.worker?.start();
    if (bot) {
      await this.prepareCommands();
      this.poller = new CommandPoller(bot, (u) => this.onCommand(u.updateId, u), stores.offsets, (chats) => this.worker?.wake(chats), this.scrub, this.logger);
      this.poller.start();
    }
    const tz = this.config.risk.timezone;
    this.jobs.push(
      this.job('health check', () => Math.min(1000, this.config.bus.heartbeat_interval_ms), () => this.onHealthChanges(this.health.check())),
      this.job('rejection summary', () => a.rejection_summary_s * 1000, () => this.summarizeRejections()),
      this.job('daily summary', () => nextDailyTime(Date.now(), a.daily_summary_at, tz) - Date.now(), () => this.sendDailySummary(new Date())),
    );
    for (const j of this.jobs) j.start();
    this.heartbeat.contribute('notifier', () => ({
      telegram: bot ? 'on' : 'off (no TELEGRAM_BOT_TOKEN)', chats: a.chat_ids.length, delivery: this.worker?.stats ?? null,
    }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const j of this.jobs) j.stop();
    await this.poller?.stop();
    await this.control?.stop();
    await this.worker?.stop();
    await this.timings?.stop();
  }

  async onHeartbeat(event: HeartbeatEvent): Promise<void> {
    await this.onHealthChanges(this.health.record(event));
  }

  /** Queues the rejections received since the last summary as one alert. */
  async summarizeRejections(now = new Date()): Promise<void> {
    const summaryId = `rejections:${now.toISOString()}`;
    const sending = this.intake.sending;
    const taken = await this.db.stores.rejections.summarize(summaryId, (rows) => {
      const draft: AlertDraft = { key: summaryId, kind: 'rejections', text: rejectionSummaryMessage(rows, this.titles.titleOf) };
      if (sending) return this.intake.rows(draft);
      void this.intake.accept(draft); // not sending: accept only logs it
      return [];
    });
    if (taken.length && sending) this.worker?.wake(this.config.alerts.chat_ids.map(String));
  }

  /** The daily summary text for now. */
  async dailySummary(now = new Date()): Promise<string> {
    const tz = this.config.risk.timezone;
    const from = new Date(startOfDay(now.getTime(), tz)).toISOString();
    const { portfolio, signals } = this.db.stores;
    const [pnl, count, rebalance] = await Promise.all([
      portfolio.pnlSummary(from).catch((err) => this.unavailable('portfolio', err)),
      signals.countSince(from).catch((err) => this.unavailable('signals', err)),
      this.latestRebalance().catch((err) => this.unavailable('signal.rebalance', err)),
    ]);
    await this.titles.load([pnl?.best?.marketId, pnl?.worst?.marketId, ...(rebalance ?? []).map((r) => r.marketId)].filter((x): x is string => !!x));
    return dailySummaryMessage({ day: calendarDay(now, tz), timezone: tz, pnl, signals: count, rebalance, health: this.health.summary(now.getTime()) }, this.titles.titleOf);
  }

  /** Queues the daily summary (once per day: keyed by the day in risk.timezone). */
  async sendDailySummary(now: Date): Promise<void> {
    const day = calendarDay(now, this.config.risk.timezone);
    await this.intake.accept({ key: `daily_summary:${day}`, kind: 'daily_summary', text: await this.dailySummary(now) });
  }

  /** What the command guards need before the first update: the refusals of the last hour and the latest kill. */
  private async prepareCommands(): Promise<void> {
    this.killSwitch.onStateChange((_state, kill) => this.kills.note(kill));
    this.kills.note(this.killSwitch.current.kill);
    try {
      this.refusals.seed(await this.db.stores.alerts.latestByChat('refusal', new Date(Date.now() - 3600_000).toISOString()));
    } catch (err) {
      this.logger.warn({ err }, 'could not read the refusals of the last hour: strangers may get one more reply');
    }
    try {
      const stored = await this.runtime.jsm.streams.getMessage(streamFor(Subjects.SystemKill)!.name, { last_by_subj: Subjects.SystemKill });
      this.kills.note(parseControlMessage(stored.data, stored.time));
      this.kills.note({ ts: stored.time });
    } catch (err) {
      if (!isNotFound(err)) this.logger.warn({ err }, 'could not read the last kill from CONTROL: a /reset is judged by the kills seen from now on');
    }
  }

  /** Answers one message; resolves with its reply's outbox row, which the poller stores with the next offset. */
  private async onCommand(updateId: number, msg: IncomingText): Promise<readonly NewAlert[]> {
    let refused = false;
    const ctx = this.commandContext();
    const reply = await handleCommand({ ...ctx, mayRefuse: (chat, now) => (refused = ctx.mayRefuse(chat, now)) }, msg);
    if (!reply) return [];
    return [this.intake.replyRow(msg.chatId, `${refused ? 'refusal' : 'reply'}:${updateId}`, reply, refused ? 'refusal' : 'reply')];
  }

  private commandContext(): CommandContext {
    const tz = this.config.risk.timezone;
    return {
      admins: new Set(this.config.alerts.admin_chat_ids),
      adminUsers: new Set(this.config.alerts.admin_user_ids),
      maxAgeS: this.config.alerts.command_max_age_s,
      latestKillMs: () => this.kills.latestMs,
      mayRefuse: (chat, now) => this.refusals.take(chat, now),
      now: () => Date.now(),
      status: () => {
        const { kill } = this.killSwitch.current;
        const snap = this.health.board.snapshot({ halted: this.killSwitch.isHalted(), kill });
        return { halted: this.killSwitch.isHalted(), kill, services: snap.services, health: this.health.summary() };
      },
      portfolio: this.db.stores.portfolio,
      signals: this.db.stores.signals,
      startOfDay: () => new Date(startOfDay(Date.now(), tz)).toISOString(),
      daily: () => this.dailySummary(),
      kill: async (reason) => void (await publishControl(this.bus, 'kill', { reason, source: 'telegram' })),
      reset: async (reason) => void (await publishControl(this.bus, 'reset', { reason, source: 'telegram' })),
      reduce: (reason) => {
        const event: RiskCommandEvent = { ...envelope('notifier'), command: 'reduce', reason, source: 'telegram' };
        return this.bus.publish(Subjects.RiskCommand, event);
      },
      resume: (reason) => {
        const event: RiskCommandEvent = { ...envelope('notifier'), command: 'resume', reason, source: 'telegram' };
        return this.bus.publish(Subjects.RiskCommand, event);
      },
      titles: async (ids) => {
        await this.titles.load(ids);
        return this.titles.titleOf;
      },
      logger: this.logger,
    };
  }

  private async onHealthChanges(changes: HealthChange[]): Promise<void> {
    const now = Date.now();
    for (const c of changes) {
      const detail = c.kind === 'breaker_open' ? `${c.service}:${c.api}` : c.service;
      await this.intake.accept({ key: `health:${c.kind}:${detail}:${now}`, kind: 'health', text: healthMessage(c) });
    }
  }

  private async latestRebalance(): Promise<RebalanceSuggestion[] | null> {
    try {
      const stored = await this.runtime.jsm.streams.getMessage(streamFor(Subjects.SignalRebalance)!.name, { last_by_subj: Subjects.SignalRebalance });
      const parsed = parse(Subjects.SignalRebalance, stored.data);
      return parsed.ok ? parsed.event.suggestions : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  private job(name: string, nextDelayMs: () => number, run: () => Promise<unknown>): PeriodicJob<void> {
    return new PeriodicJob<void>({ name, logger: this.logger, nextDelayMs, run: async () => void (await run()) });
  }

  private unavailable(what: string, err: unknown): null {
    this.logger.warn({ err }, `daily summary: ${what} not available`);
    return null;
  }
}
