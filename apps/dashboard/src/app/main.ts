import './style.css';
import { getJson, postJson, Unauthorized } from './api';
import type {
  AlertDeliveryEvent, AlertDeliveryRecord, CalendarBody, AnalysisCorrelationEvent, AnalysisQualityEvent, DecisionRecord, JournalEntry,
  MarkedPosition, MarketCycleCompletedEvent, MarketDetail, MarketPage, PnlSeries, PnlSummary, QualityIssueRecord, RiskDecisionEvent,
  SignalGeneratedEvent, SignalRecord, SystemStatus, TradeRecord, TradingStateBody,
} from './api-types';
import { byId } from './dom';
import { connectLive, type LiveState, type StreamEvent } from './live';
import { FEED_ROWS, merged, model, prepend } from './model';
import { renderAlerts, renderCalendar, renderQuality } from './sections/feeds';
import { renderMarket, renderMarkets } from './sections/markets';
import { renderBanner, renderCycles, renderServices } from './sections/system';
import { renderDecisions, renderPnl, renderPositions, renderSignals, renderTrades } from './sections/trading';

const DAY_MS = 86_400_000;
const qualityKey = (r: QualityIssueRecord) => `${r.marketId} ${r.kind} ${r.ts}`;

// ---------- loading over REST (the first load, and again after a reconnect) ----------

/** Runs one section's load; a failure (e.g. 503 database unavailable) is shown in that section, a 401 asks to log in. */
async function section(name: string, load: () => Promise<void>, render: () => void): Promise<void> {
  try {
    await load();
    delete model.errors[name];
  } catch (err) {
    if (err instanceof Unauthorized) throw err;
    model.errors[name] = `cannot load: ${(err as Error).message}; retrying on the next update…`;
  }
  render();
}

const loaders = {
  services: () => section('services', async () => { model.services = await getJson<SystemStatus>('/api/services'); }, () => { renderBanner(); renderServices(); renderCycles(); }),
  trading: () => section('trading', async () => { model.trading = (await getJson<TradingStateBody>('/api/trading-state')).trading; }, renderBanner),
  pnl: () => section('pnl', async () => {
    // the last 30 days per hour (the gateway's default), with daily PnL and drawdown
    [model.pnl, model.pnlSeries, model.trades] = await Promise.all([
      getJson<PnlSummary>('/api/pnl'), getJson<PnlSeries>('/api/pnl/series'), getJson<TradeRecord[]>(`/api/trades?limit=${FEED_ROWS}`),
    ]);
  }, () => { renderPnl(); renderTrades(); }),
  positions: () => section('positions', async () => { model.positions = await getJson<MarkedPosition[]>('/api/positions'); }, renderPositions),
  signals: () => section('signals', async () => { model.signals = merged(await getJson<SignalRecord[]>(`/api/signals?limit=${FEED_ROWS}`), model.signals, (r) => r.id, (r) => r.ts); }, renderSignals),
  decisions: () => section('decisions', async () => {
    const since = new Date(Date.now() - DAY_MS).toISOString();
    const journal = await getJson<JournalEntry[]>(`/api/journal?since=${encodeURIComponent(since)}&limit=1000`);
    const rest = journal.filter((e) => e.kind === 'decision').map((e) => e.detail as DecisionRecord);
    model.decisions = merged(rest, model.decisions, (r) => r.signalId, (r) => r.ts);
  }, renderDecisions),
  markets: () => section('markets', async () => { model.markets = (await getJson<MarketPage>('/api/markets?sort=hype&limit=20')).items; }, () => renderMarkets(selectMarket)),
  market: () => section('market', async () => {
    if (model.selectedMarket) model.market = await getJson<MarketDetail>(`/api/markets/${encodeURIComponent(model.selectedMarket)}`);
  }, renderMarket),
  alerts: () => section('alerts', async () => { model.alerts = merged(await getJson<AlertDeliveryRecord[]>(`/api/alerts?limit=${FEED_ROWS}`), model.alerts, (r) => r.alertId, (r) => r.ts); }, renderAlerts),
  quality: () => section('quality', async () => { model.quality = merged(await getJson<QualityIssueRecord[]>(`/api/quality-issues?limit=${FEED_ROWS}`), model.quality, qualityKey, (r) => r.ts); }, renderQuality),
  calendar: () => section('calendar', async () => { model.calendar = await getJson<CalendarBody>('/api/calendar'); }, renderCalendar),
} as const;

type Loader = keyof typeof loaders;

async function loadAll(): Promise<void> {
  await guarded(Promise.all(Object.values(loaders).map((l) => l())));
}

/** Reloads sections a little later, once per burst of events (a cycle brings many). */
const pending = new Set<Loader>();
let pendingTimer: ReturnType<typeof setTimeout> | undefined;
function reloadSoon(...names: Loader[]): void {
  for (const n of names) pending.add(n);
  pendingTimer ??= setTimeout(() => {
    pendingTimer = undefined;
    const names = [...pending];
    pending.clear();
    void guarded(Promise.all(names.map((n) => loaders[n]())));
  }, 500);
}

async function guarded(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Unauthorized) return login();
    throw err;
  }
}

function selectMarket(id: string): void {
  model.selectedMarket = id;
  renderMarkets(selectMarket);
  renderMarket();
  void guarded(loaders.market());
}

// ---------- the live stream ----------

function onEvent(type: StreamEvent, data: unknown): void {
  switch (type) {
    case 'services':
      model.services = data as SystemStatus;
      renderBanner(); renderServices(); renderCycles();
      return;
    case 'trading-state':
      model.trading = (data as TradingStateBody).trading;
      renderBanner();
      return;
    case 'resync':
      void loadAll();
      return;
    case 'signal.generated': {
      const s = data as SignalGeneratedEvent;
      const row: SignalRecord = {
        id: s.id, marketId: s.marketId, outcome: s.outcome, tokenId: s.tokenId, side: s.side, price: s.price, strength: s.strength,
        confidence: s.confidence, size: s.size, reasons: s.reasons, ts: s.ts, status: 'published', note: null, stake: s.stake ?? null, sector: s.sector ?? null,
      };
      model.signals = prepend(model.signals, row, (r) => r.id);
      renderSignals();
      return;
    }
    case 'risk.approved':
    case 'risk.rejected': {
      const d = data as RiskDecisionEvent;
      const approved = type === 'risk.approved';
      const row: DecisionRecord = {
        signalId: d.signalId, decision: approved ? 'approved' : 'rejected', marketId: d.marketId, tradingState: d.tradingState,
        reasons: d.reasons, size: approved ? d.size : null, ts: d.ts, signal: null,
      };
      model.decisions = prepend(model.decisions, row, (r) => r.signalId);
      renderDecisions();
      return;
    }
    case 'trade.opened':
    case 'trade.closed':
      reloadSoon('pnl', 'positions');
      return;
    case 'alert.sent':
    case 'alert.failed': {
      const a = data as AlertDeliveryEvent;
      const row: AlertDeliveryRecord = {
        alertId: a.alertId, kind: a.kind, chatId: a.chatId, status: type === 'alert.sent' ? 'sent' : 'failed', attempts: a.attempts, error: a.error ?? null, ts: a.ts,
      };
      model.alerts = prepend(model.alerts, row, (r) => r.alertId);
      renderAlerts();
      return;
    }
    case 'analysis.quality': {
      const q = data as AnalysisQualityEvent;
      const row: QualityIssueRecord = { marketId: q.marketId, cycleId: q.cycleId ?? '', kind: q.kind, severity: q.severity, detail: q.detail, ts: q.ts };
      model.quality = prepend(model.quality, row, qualityKey);
      renderQuality();
      return;
    }
    case 'analysis.correlation':
      if ((data as AnalysisCorrelationEvent).marketId === model.selectedMarket) reloadSoon('market');
      return;
    case 'market.cycle.completed':
      model.cycles = [data as MarketCycleCompletedEvent, ...model.cycles.filter((c) => c.cycleId !== (data as MarketCycleCompletedEvent).cycleId)].slice(0, 5);
      renderCycles();
      reloadSoon('markets', 'positions', 'calendar', ...(model.selectedMarket ? (['market'] as const) : []));
      return;
    case 'system.kill':
    case 'system.reset':
      reloadSoon('services', 'trading');
      return;
    default:
      return; // signal.rebalance, risk.warning, risk.command: nothing on the page shows them yet
  }
}

function showLive(state: LiveState): void {
  const el = byId('live');
  el.dataset.state = state;
  el.className = `live live-${state}`;
  el.textContent = state === 'live' ? 'live' : state === 'connecting' ? 'connecting…' : 'reconnecting…';
}

let closeLive: (() => void) | null = null;

function startLive(): void {
  closeLive?.();
  closeLive = connectLive({
    state: showLive,
    // after a lost connection what the page shows may be stale (e.g. the gateway restarted): reload it
    open: (again) => { if (again) void loadAll(); },
    event: onEvent,
    closed: () => {
      closeLive?.();
      closeLive = null;
      // the browser gave up: log in again if the session is gone, else try again in a moment
      setTimeout(() => void getJson('/api/services').then(() => startLive(), (err) => (err instanceof Unauthorized ? login() : startLive())), 3000);
    },
  });
}

// ---------- login, kill and reset ----------

let booted = false;

async function boot(): Promise<void> {
  await loadAll();
  if (!booted) {
    booted = true;
    setInterval(() => renderServices(), 1000); // heartbeat ages move
  }
  startLive();
}

function login(): void {
  closeLive?.();
  closeLive = null;
  const dialog = byId<HTMLDialogElement>('login-dialog');
  if (!dialog.open) dialog.showModal();
  byId<HTMLInputElement>('login-token').focus();
}

// Escape would close the login dialog and leave an empty page: the form stays until a token is accepted
byId('login-dialog').addEventListener('cancel', (e) => e.preventDefault());

byId<HTMLFormElement>('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = byId<HTMLInputElement>('login-token');
  const error = byId('login-error');
  error.textContent = '';
  // the token goes to the gateway once and is forgotten: the HttpOnly cookie it answers with is the session
  postJson('/api/session', { token: input.value }).then(
    () => {
      input.value = '';
      byId<HTMLDialogElement>('login-dialog').close();
      void boot();
    },
    (err: Error) => { error.textContent = err instanceof Unauthorized ? 'wrong token' : err.message; },
  );
});

function confirmed(text: string, defaultReason: string): Promise<string | null> {
  const dialog = byId<HTMLDialogElement>('confirm-dialog');
  byId('confirm-text').textContent = text;
  const reason = byId<HTMLInputElement>('confirm-reason');
  reason.value = defaultReason;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? reason.value.trim() || defaultReason : null), { once: true });
  });
}

async function control(path: '/api/kill' | '/api/reset', text: string, defaultReason: string): Promise<void> {
  const reason = await confirmed(text, defaultReason);
  if (reason === null) return;
  try {
    await postJson(path, { reason });
  } catch (err) {
    if (err instanceof Unauthorized) return login();
    byId('banner-why').textContent = `${path} failed: ${(err as Error).message}`;
    return;
  }
  reloadSoon('services', 'trading');
}

byId('kill').addEventListener('click', () => void control('/api/kill', 'Halt all seven services now (the kill switch)? Risk rejects every order until a reset.', 'kill from the dashboard'));
byId('reset').addEventListener('click', () => void control('/api/reset', 'Reset the kill switch and resume trading?', 'reset from the dashboard'));

// ---------- start ----------

renderBanner();
for (const render of [renderServices, renderPnl, renderPositions, renderSignals, renderDecisions, renderTrades, renderMarket, renderAlerts, renderQuality, renderCalendar, renderCycles]) render();
renderMarkets(selectMarket);
getJson('/api/services').then(() => boot(), (err) => {
  if (err instanceof Unauthorized) login();
  else { model.errors.services = `gateway unreachable: ${(err as Error).message}`; renderServices(); setTimeout(() => location.reload(), 5000); }
});
