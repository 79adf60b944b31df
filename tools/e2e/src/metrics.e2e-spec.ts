import { METRICS_PREFIX, SERVICE_NAMES } from '@polytrader/contracts';
import { workspaceRoot } from '@polytrader/platform';
import { SystemHarness, promtoolCheckMetrics, waitFor } from '@polytrader/platform/testing';
import { Simulator, startSimulator } from '@polytrader/simulator';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'nats';
import { SCRAPED_FAMILIES, familiesByService } from './metric-families';

jest.setTimeout(300_000);

/** config/demo.yaml's 1-minute grid, so a fresh system trades within about two minutes */
const DEMO_GRID = [
  'data_collection:', '  interval_minutes: 1', '  history_fidelity_minutes: 1', '  history_days: 1',
  'hype:', '  interval_minutes: 1', '  x_rate_limit: {rps: 50, burst: 100}',
  'analysis:', '  schedule: "*/10 * * * *"', '  catch_up_delay_s: 5',
].join('\n');
const CHAT = '424242';

/**
 * Issue 17 §4's acceptance: the seven built services, the simulator, a private NATS and a temp SQLite run
 * the demo; once a collection, hype and analysis cycle have run and a trade is filled, one scrape of the
 * gateway's /metrics holds every family with the services it belongs to, and promtool finds nothing wrong.
 */
describe('/metrics during a demo run (real processes, simulator, private NATS)', () => {
  let sim: Simulator;
  let system: SystemHarness;
  let scrape = '';

  const get = async (path: string, token?: string) => {
    const res = await fetch(`${system.gatewayUrl}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: res.status, text: await res.text() };
  };
  const sample = (family: string, service: string) => new RegExp(`^${family}\\{[^}]*service="${service}"[^}]*\\} ([0-9.e+-]+)$`, 'm');

  /** bytes of one system.metrics.<service> report of each service */
  const reportSizes = async (): Promise<Record<string, number>> => {
    const nc = await connect({ servers: system.nats.url });
    const sizes: Record<string, number> = {};
    const sub = nc.subscribe(`${METRICS_PREFIX}*`);
    const done = waitFor(() => Object.keys(sizes).length === SERVICE_NAMES.length, { what: 'a report of every service', timeoutMs: 10_000 });
    void (async () => { for await (const m of sub) sizes[m.subject.slice(METRICS_PREFIX.length)] = m.data.length; })();
    await done.finally(() => nc.close());
    return sizes;
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, markets: 30, intervalMinutes: 1, xRateLimit: 100_000 });
    system = new SystemHarness({
      heartbeatIntervalMs: 500, metricsIntervalMs: 1000, configYaml: DEMO_GRID,
      env: {
        GAMMA_API_URL: sim.urls.gamma, CLOB_API_URL: sim.urls.clob, X_API_URL: sim.urls.x, HYPE_RSS_FEEDS: sim.urls.rss, TELEGRAM_API_ROOT: sim.urls.telegram,
        X_BEARER_TOKEN: 'e2e-bearer-token', TELEGRAM_BOT_TOKEN: '123456:e2e-bot-token', TELEGRAM_CHAT_IDS: CHAT, TELEGRAM_ADMIN_CHAT_IDS: CHAT, TELEGRAM_ADMIN_USER_IDS: CHAT,
      },
    });
    await system.start();
    // seven processes starting at once on a shared 2-core machine: more time than waitAllUp's 20 s
    await system.waitForStatus((s) => s.code === 200, 'every service up', 120_000);
    // a full cycle of every stage and a filled trade: the scrape itself says when
    await waitFor(async () => {
      scrape = (await get('/metrics', system.token)).text;
      const fills = Number(sample('polytrader_fills_total', 'risk').exec(scrape)?.[1] ?? 0);
      // signals counts a pass's publishes when the pass ends: risk may fill the first signal before that
      const signals = Number(sample('polytrader_signals_generated_total', 'signals').exec(scrape)?.[1] ?? 0);
      return fills > 0 && signals > 0 && ['collection', 'hype', 'analysis'].every((stage) => scrape.includes(`stage="${stage}"`));
    }, { what: 'a collection, hype and analysis cycle and a filled trade on /metrics', timeoutMs: 240_000, intervalMs: 2000 });
    // the notifier's TRADE OPENED delivery and the next reports of every service
    await waitFor(async () => sample('polytrader_alert_deliveries_total', 'notifier').test((scrape = (await get('/metrics', system.token)).text)),
      { what: 'an alert delivery on /metrics', timeoutMs: 30_000, intervalMs: 1000 });
    // kept for a look at what Prometheus gets (and its size)
    const dir = join(workspaceRoot(), 'test-artifacts', 'metrics');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'scrape.txt'), scrape);
    const started = performance.now();
    const timed = await get('/metrics', system.token);
    const ms = Math.round(performance.now() - started);
    const samples = timed.text.split('\n').filter((l) => l && !l.startsWith('#')).length;
    writeFileSync(join(dir, 'scrape-stats.json'), JSON.stringify({ ms, bytes: timed.text.length, samples, reportBytes: await reportSizes() }, null, 2));
  });

  afterAll(async () => {
    await system?.stop();
    await sim?.close();
  });

  it('should need the token', async () => {
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', 'wrong')).status).toBe(401);
  });

  it('should hold every family with a service label, for each service it belongs to', () => {
    const seen = familiesByService(scrape);
    const missing = Object.entries(SCRAPED_FAMILIES).flatMap(([family, services]) =>
      services.filter((s) => !seen.get(s)?.has(family)).map((s) => `${family}{service="${s}"}`));
    expect(missing).toEqual([]);
    expect([...seen.keys()].sort()).toEqual([...SERVICE_NAMES].sort());
    // no sample without its service
    const unlabelled = scrape.split('\n').filter((l) => l && !l.startsWith('#') && !/service="/.test(l));
    expect(unlabelled).toEqual([]);
  });

  it('should show the cycles, the trade and the risk figures it ran', () => {
    expect(scrape).toMatch(/^polytrader_cycle_duration_seconds_count\{service="collector",stage="collection",outcome="completed"\} [1-9]/m);
    expect(scrape).toMatch(/^polytrader_risk_decisions_total\{service="risk",outcome="approved",reason="approved"\} [1-9]/m);
    expect(scrape).toMatch(/^polytrader_orders_total\{service="risk",intent="open",status="(filled|partial)"\} [1-9]/m);
    expect(scrape).toMatch(/^polytrader_api_request_duration_seconds_count\{service="collector",api="gamma",host="127\.0\.0\.1:\d+",status="200"\} [1-9]/m);
    expect(Number(sample('polytrader_equity_usd', 'risk').exec(scrape)?.[1])).toBeGreaterThan(0);
    expect(Number(sample('polytrader_signals_generated_total', 'signals').exec(scrape)?.[1])).toBeGreaterThan(0);
  });

  it('should pass promtool check metrics', () => {
    expect(promtoolCheckMetrics(scrape)).toEqual({ status: 0, out: '' });
  });
});
