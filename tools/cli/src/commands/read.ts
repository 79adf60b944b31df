import type { MarketDetail, MarketPage, PnlSummary, SignalRecord, TradeRecord, AlertDeliveryRecord } from '@polytrader/persistence';
import type { SystemStatus } from '@polytrader/platform';
import { GatewayClient, QueryValue } from '../gateway/gateway-client';
import { resolveGateway } from '../gateway/gateway-target';
import {
  MarkedPosition, alertsView, marketView, marketsView, pnlView, positionsView, servicesView, signalsView, tradesView,
} from '../gateway/views';

/** What every read command takes: --gateway URL and --json. */
export interface ReadOptions {
  readonly gateway?: string;
  readonly json?: boolean;
}

const out = (s: string) => void process.stdout.write(s);

/** The client of the gateway this command talks to (every error line names its URL, so nothing more is said). */
export function gatewayClient(flag: string | undefined): GatewayClient {
  return new GatewayClient(resolveGateway({ flag }));
}

/** GET one endpoint; print its JSON (--json) or the view for people. */
export async function readAndShow<T>(o: ReadOptions, path: string, query: Record<string, QueryValue>, view: (body: T) => string): Promise<number> {
  const body = await gatewayClient(o.gateway).get<T>(path, query);
  out(o.json ? `${JSON.stringify(body, null, 2)}\n` : view(body));
  return 0;
}

export const markets = (o: ReadOptions & { q?: string; category?: string; status?: string; sort?: string; limit?: string; cursor?: string }) =>
  readAndShow<MarketPage>(o, '/api/markets', { q: o.q, category: o.category, status: o.status, sort: o.sort, limit: o.limit, cursor: o.cursor }, marketsView);

export const market = (id: string, o: ReadOptions & { from?: string; to?: string }) =>
  readAndShow<MarketDetail>(o, `/api/markets/${encodeURIComponent(id)}`, { from: o.from, to: o.to }, marketView);

export const signals = (o: ReadOptions & { status?: string; market?: string; since?: string; limit?: string }) =>
  readAndShow<SignalRecord[]>(o, '/api/signals', { status: o.status, marketId: o.market, since: o.since, limit: o.limit }, signalsView);

export const positions = (o: ReadOptions) => readAndShow<MarkedPosition[]>(o, '/api/positions', {}, positionsView);

export const trades = (o: ReadOptions & { since?: string; limit?: string }) =>
  readAndShow<TradeRecord[]>(o, '/api/trades', { since: o.since, limit: o.limit }, tradesView);

export const pnl = (o: ReadOptions & { from?: string; to?: string }) => readAndShow<PnlSummary>(o, '/api/pnl', { from: o.from, to: o.to }, pnlView);

export const alerts = (o: ReadOptions & { limit?: string }) => readAndShow<AlertDeliveryRecord[]>(o, '/api/alerts', { limit: o.limit }, alertsView);

export const services = (o: ReadOptions) => readAndShow<SystemStatus>(o, '/api/services', {}, (s) => servicesView(s));
