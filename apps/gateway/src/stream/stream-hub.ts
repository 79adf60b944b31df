import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, EventBus, KillSwitch, ROOT_LOGGER, StatusBoard } from '@polytrader/platform';
import { ConsumerMessages, DeliverPolicy, JetStreamManager } from 'nats';
import type { Logger } from 'pino';
import { TradingStateCache } from '../status/trading-state';
import { catchUp } from './catch-up';
import { SseClient, SseSink } from './sse-client';
import { formatCursor, parseCursor } from './stream-cursor';
import { STREAMED_SUBJECTS, StreamSource, streamSources } from './stream-sources';

/** How often the hub looks at the status board and risk's state for a change to push. */
const SNAPSHOT_CHECK_MS = 1000;
/** Services are pushed at least this often (heartbeat ages move even when nothing else does). */
const SERVICES_EVERY_MS = 5000;
/** The reconnect delay the browser is told to use. */
const RETRY_MS = 2000;

const frame = (event: string, data: string, id?: string): string =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`;

/**
 * The live stream's fan-out: one ordered consumer per JetStream stream for the whole gateway, each
 * event framed once and written to every client. A client that reconnects with a Last-Event-ID is
 * first replayed what it missed, from JetStream, then joins the live feed with no gap or repeat.
 */
@Injectable()
export class StreamHub implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sources: readonly StreamSource[] = streamSources();
  private readonly known = new Set(this.sources.map((s) => s.stream));
  private readonly wanted = new Set(STREAMED_SUBJECTS);
  /** the last sequence the hub has seen per stream: what a client is up to once it is live */
  private readonly position = new Map<string, number>();
  private readonly clients = new Set<SseClient>();
  private readonly feeds: ConsumerMessages[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private jsm: JetStreamManager | null = null;
  private lastServices = { key: '', at: 0, frame: '' };
  private lastTrading = '';
  private dropped = 0;

  constructor(
    private readonly bus: EventBus,
    private readonly board: StatusBoard,
    private readonly killSwitch: KillSwitch,
    private readonly trading: TradingStateCache,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.jsm = await this.bus.nc.jetstreamManager();
    for (const source of this.sources) await this.follow(source);
    const keepAlive = this.config.gateway.stream_keepalive_s * 1000;
    this.timers.push(setInterval(() => this.broadcast(': keepalive\n\n'), keepAlive));
    this.timers.push(setInterval(() => this.pushSnapshots(), SNAPSHOT_CHECK_MS));
  }

  async onModuleDestroy(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const c of this.clients) c.close('gateway stopping');
    this.clients.clear();
    await Promise.all(this.feeds.map((f) => f.close()));
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get droppedCount(): number {
    return this.dropped;
  }

  /** Throws CursorError (a 400) for a Last-Event-ID this gateway did not make. */
  parseLastEventId(text: string | undefined): Map<string, number> {
    return text ? parseCursor(text, this.known) : new Map();
  }

  /** Serves one client until it goes: snapshots now, then what it missed, then live. */
  async connect(sink: SseSink, resumeFrom: ReadonlyMap<string, number>): Promise<SseClient> {
    const seen = new Map(this.sources.map((s) => [s.stream, resumeFrom.get(s.stream) ?? this.position.get(s.stream) ?? 0]));
    const limits = { maxBufferedBytes: this.config.gateway.stream_client_buffer_bytes, maxPendingEvents: this.config.gateway.stream_catchup_max };
    const client = new SseClient(sink, seen, limits, (c, why) => this.onDrop(c, why));
    client.send(`retry: ${RETRY_MS}\n\n`);
    client.send(this.servicesFrame());
    client.send(frame('trading-state', JSON.stringify({ trading: this.trading.current })));
    this.clients.add(client);
    const through = new Map(this.position);
    for (const source of this.sources) {
      const after = seen.get(source.stream) ?? 0;
      const until = through.get(source.stream) ?? 0;
      if (client.closed || after >= until) continue;
      await this.replay(client, source, after, until);
    }
    client.goLive();
    return client;
  }

  disconnect(client: SseClient): void {
    client.close('client went away');
    this.clients.delete(client);
  }

  private async replay(client: SseClient, source: StreamSource, after: number, through: number): Promise<void> {
    const result = await catchUp(this.bus.js, this.jsm!, source, { after, through, max: this.config.gateway.stream_catchup_max },
      (subject, seq, data) => {
        if (!this.wanted.has(subject)) return;
        const json = this.jsonLine(subject, seq, data);
        if (json === null) return;
        client.stored(source.stream, seq, frame(subject, json, formatCursor(new Map([...client.seen, [source.stream, seq]]))));
      },
    ).catch((err: Error) => {
      this.logger.warn({ err, metrics: { stream: source.stream, after, through } }, 'live stream replay failed');
      return 'stalled' as const;
    });
    if (result !== 'done') {
      // Too far behind (or the store failed us): the page reloads over REST rather than trust a partial replay.
      client.send(frame('resync', JSON.stringify({ stream: source.stream, reason: result })));
    }
    client.caughtUp(source.stream, through);
  }

  private async follow(source: StreamSource): Promise<void> {
    const info = await this.jsm!.streams.info(source.stream);
    this.position.set(source.stream, info.state.last_seq);
    const consumer = await this.bus.js.consumers.get(source.stream, {
      filterSubjects: source.filter,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: info.state.last_seq + 1,
    });
    const feed = await consumer.consume();
    this.feeds.push(feed);
    void (async () => {
      for await (const m of feed) this.onEvent(source.stream, m.subject, m.seq, m.data);
    })().catch((err: Error) => this.logger.error({ err, metrics: { stream: source.stream } }, 'live stream feed ended'));
  }

  private onEvent(stream: string, subject: string, seq: number, data: Uint8Array): void {
    this.position.set(stream, seq);
    if (!this.wanted.has(subject) || this.clients.size === 0) return;
    const json = this.jsonLine(subject, seq, data);
    if (json === null) return;
    const shared = frame(subject, json, formatCursor(this.position));
    for (const c of this.clients) c.live(stream, seq, shared);
  }

  /** The payload as one line of JSON, or null (logged) when it is not JSON: a browser must get only what parses. */
  private jsonLine(subject: string, seq: number, data: Uint8Array): string | null {
    const text = Buffer.from(data).toString('utf8');
    try {
      const parsed: unknown = JSON.parse(text);
      return text.includes('\n') || text.includes('\r') ? JSON.stringify(parsed) : text;
    } catch {
      this.logger.warn({ metrics: { subject, seq } }, `live stream skipped ${subject} #${seq}: not JSON`);
      return null;
    }
  }

  private pushSnapshots(): void {
    if (this.clients.size === 0) return;
    const services = this.changedServicesFrame();
    if (services !== null) this.broadcast(services);
    const trading = JSON.stringify({ trading: this.trading.current });
    if (trading !== this.lastTrading) {
      this.lastTrading = trading;
      this.broadcast(frame('trading-state', trading));
    }
  }

  /** The services frame as of now (what a connecting client gets). */
  private servicesFrame(): string {
    this.refreshServices(true);
    return this.lastServices.frame;
  }

  /** The services frame when a status changed or SERVICES_EVERY_MS passed since the last push, else null. */
  private changedServicesFrame(): string | null {
    return this.refreshServices(false) ? this.lastServices.frame : null;
  }

  private refreshServices(always: boolean): boolean {
    const snapshot = this.board.snapshot({ halted: this.killSwitch.isHalted(), kill: this.killSwitch.current.kill });
    const key = JSON.stringify([snapshot.state, Object.values(snapshot.services).map((s) => s.status)]);
    const now = Date.now();
    const due = always || key !== this.lastServices.key || now - this.lastServices.at >= SERVICES_EVERY_MS;
    if (due) this.lastServices = { key, at: now, frame: frame('services', JSON.stringify(snapshot)) };
    return due;
  }

  private broadcast(text: string): void {
    for (const c of this.clients) c.send(text);
  }

  private onDrop(client: SseClient, why: string): void {
    this.clients.delete(client);
    this.dropped++;
    this.logger.warn({ metrics: { clients: this.clients.size, dropped: this.dropped } }, `live stream dropped a client: ${why}`);
  }
}
