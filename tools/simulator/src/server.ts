import { SimClock, INTERVAL_MS } from './clock';
import { clobRoutes } from './clob/clob.routes';
import { controlRoutes, marketInfo, SimMarketInfo } from './control/control.routes';
import { FaultBook, FaultSpec } from './faults';
import { gammaRoutes } from './gamma/gamma.routes';
import { Dispatcher } from './http/dispatcher';
import { RequestLog, RequestLogEntry } from './request-log';
import { rssRoutes } from './rss/rss.routes';
import { telegramRoutes } from './telegram/telegram.routes';
import { InjectedUpdate, SentMessage, TelegramState, Update } from './telegram/telegram.state';
import { GroundTruth, World } from './world';
import { XRateLimits } from './x/rate-limit';
import { xRoutes } from './x/x.routes';

export interface SimulatorOptions {
  /** 0 (default) = a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** number of markets, default 50 */
  markets?: number;
  /** default 42 */
  seed?: number;
  /** length of the simulator's grid in minutes (prices, mentions, history points), default 15 */
  intervalMinutes?: number;
  /** price points per market before the start time (one per interval), default 500 */
  historyPoints?: number;
  /** share of markets whose price changes are driven by lagged hype, default 0.3 */
  ledFraction?: number;
  /** added to every API answer (not /__sim), default 0 */
  latencyMs?: number;
  /** the clock (epoch ms), default Date.now — fix it for byte-identical answers */
  now?: () => number;
  /** Telegram chat ids that answer 400 "chat not found" */
  unknownChats?: number[];
  /** Telegram sendMessage per chat per second, default 1 (bursts of `telegramBurst`) */
  telegramPerChatPerSecond?: number;
  /** Telegram per-chat burst, default 3 */
  telegramBurst?: number;
  /** X requests per route per 15-minute window, default 450 */
  xRateLimit?: number;
}

export interface SimulatorUrls {
  /** GAMMA_API_URL: `${url}/gamma` (then /markets, /events) */
  gamma: string;
  /** CLOB_API_URL: `${url}/clob` (then /book, /books, /midpoint, /price, /prices-history) */
  clob: string;
  /** X_API_URL: `${url}/x` (then /2/tweets/…) */
  x: string;
  /** the RSS feed itself: `${url}/rss/news.xml` */
  rss: string;
  /** TELEGRAM_API_ROOT (telegraf apiRoot): `${url}/telegram` (then /bot<token>/<method>) */
  telegram: string;
}

export interface Simulator {
  /** http://host:port */
  url: string;
  urls: SimulatorUrls;
  truth(): GroundTruth;
  /** the request log, entries with ts >= sinceMs */
  requests(sinceMs?: number): RequestLogEntry[];
  addFault(f: FaultSpec | FaultSpec[]): void;
  clearFaults(): void;
  /** the markets with their keywords and an X query matching each exactly */
  markets(): SimMarketInfo[];
  telegram: {
    messages(): SentMessage[];
    inject(update: InjectedUpdate): Update;
    /** forgets sent messages and per-chat rate state */
    clear(): void;
  };
  /** closes every socket, held 'timeout' requests and long polls included */
  close(): Promise<void>;
}

function positiveInt(name: string, v: number | undefined, fallback: number, min = 1): number {
  const out = v ?? fallback;
  if (!Number.isInteger(out) || out < min) throw new RangeError(`${name}: must be an integer >= ${min}, got ${v}`);
  return out;
}

/** Starts the simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = positiveInt('seed', options.seed, 42, Number.MIN_SAFE_INTEGER);
  const markets = positiveInt('markets', options.markets, 50);
  const historyPoints = positiveInt('historyPoints', options.historyPoints, 500, 2);
  const ledFraction = options.ledFraction ?? 0.3;
  if (!(ledFraction >= 0 && ledFraction <= 1)) throw new RangeError(`ledFraction: must be within 0..1, got ${ledFraction}`);
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const now = options.now ?? Date.now;

  const intervalMinutes = positiveInt('intervalMinutes', options.intervalMinutes, INTERVAL_MS / 60_000);
  const clock = new SimClock(now, intervalMinutes * 60_000);
  const world = new World({ seed, markets, historyPoints, ledFraction }, clock);
  const log = new RequestLog();
  const faults = new FaultBook(seed);
  const telegram = new TelegramState({
    perChatPerSecond: options.telegramPerChatPerSecond ?? 1,
    burst: options.telegramBurst ?? 3,
    unknownChats: options.unknownChats ?? [],
  });
  let url = '';
  const urlsOf = (base: string): SimulatorUrls => ({
    gamma: `${base}/gamma`, clob: `${base}/clob`, x: `${base}/x`, rss: `${base}/rss/news.xml`, telegram: `${base}/telegram`,
  });
  const info = () => ({
    seed, markets, historyPoints, ledFraction, latencyMs, intervalMs: clock.intervalMs,
    anchorMs: clock.anchorMs, nowMs: clock.now(), currentInterval: clock.current(), url, urls: urlsOf(url),
  });
  const dispatcher = new Dispatcher({
    routes: [
      ...gammaRoutes(world), ...clobRoutes(world), ...xRoutes(world, new XRateLimits(options.xRateLimit ?? 450)),
      ...rssRoutes(world), ...telegramRoutes(telegram), ...controlRoutes({ world, log, faults, telegram, info }),
    ],
    faults, log, now, latencyMs,
  });
  const address = await dispatcher.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;
  let closed: Promise<void> | null = null;

  return {
    url,
    urls: urlsOf(url),
    truth: () => world.truth(),
    requests: (sinceMs) => log.since(sinceMs),
    addFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    markets: () => world.markets.map((m) => marketInfo(world, m)),
    telegram: {
      messages: () => telegram.messages(),
      inject: (u) => telegram.inject(u, clock.now()),
      clear: () => telegram.clear(),
    },
    close: () => (closed ??= dispatcher.close(() => telegram.close())),
  };
}
