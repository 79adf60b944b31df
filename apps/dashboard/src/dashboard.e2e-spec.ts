import { SERVICE_NAMES, Subjects, envelope, type SignalGeneratedEvent } from '@polytrader/contracts';
import { workspaceRoot } from '@polytrader/platform';
import { SystemHarness, SystemStatusBody } from '@polytrader/platform/testing';
import { startSimulator, type Simulator } from '@polytrader/simulator';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

jest.setTimeout(240_000);

/** Debian's chromium (.ci/run installs it when missing). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(workspaceRoot(), 'test-artifacts', 'dashboard');
const DOM_TIMEOUT = 60_000;

/** The demo's 1-minute grid (config/demo.yaml), so markets and hype are there within a minute. */
const DEMO_GRID = [
  'data_collection:', '  interval_minutes: 1', '  history_fidelity_minutes: 1', '  history_days: 1',
  'hype:', '  interval_minutes: 1', '  x_rate_limit: {rps: 50, burst: 100}',
].join('\n');

const allHalted = (b: SystemStatusBody) => b.state === 'halted' && SERVICE_NAMES.every((n) => b.services[n].status === 'halted');
const allUp = (b: SystemStatusBody) => b.state === 'running' && SERVICE_NAMES.every((n) => b.services[n].status === 'up');

/*
 * What runs in the page is written as strings: this file is type-checked as node code (no DOM lib in
 * the root tsconfig), and playwright evaluates a string expression the same as a function (over
 * CDP; waitForFunction with a string would need the page's eval, which the CSP rightly refuses).
 */
const RECORD_CSP_VIOLATIONS = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`;

/**
 * The dashboard in a real browser against the real system: the seven built services as processes, a
 * private NATS, SQLite in a temp dir, the simulator for every outside API. Needs `npm run build`.
 */
describe('dashboard in headless Chromium (whole system)', () => {
  let sim: Simulator;
  let system: SystemHarness;
  let browser: Browser;
  let page: Page;
  /** console errors, page exceptions; `phase` says which the test is in */
  const problems: string[] = [];
  let phase: 'load' | 'run' | 'restart' = 'load';

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  const publishSignal = async (market: { id: string; tokenId: string; outcome: string }): Promise<string> => {
    const event: SignalGeneratedEvent = {
      ...envelope('e2e'), marketId: market.id, outcome: market.outcome, tokenId: market.tokenId, side: 'BUY', price: 0.42, strength: 'MODERATE',
      confidence: 0.7, size: 10, reasons: ['published by the dashboard e2e test'],
    };
    await system.publishRaw(Subjects.SignalGenerated, JSON.stringify(event));
    return event.id;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    if (!existsSync(join(workspaceRoot(), 'dist', 'apps', 'dashboard', 'index.html'))) throw new Error('the dashboard is not built: npm run build');
    mkdirSync(ARTIFACTS, { recursive: true });
    sim = await startSimulator({ markets: 20, intervalMinutes: 1, xRateLimit: 100_000 });
    system = new SystemHarness({
      heartbeatIntervalMs: 500,
      configYaml: DEMO_GRID,
      env: {
        GAMMA_API_URL: sim.urls.gamma, CLOB_API_URL: sim.urls.clob, X_API_URL: sim.urls.x, HYPE_RSS_FEEDS: sim.urls.rss,
        TELEGRAM_API_ROOT: sim.urls.telegram, TELEGRAM_CHAT_IDS: '424242', X_BEARER_TOKEN: 'e2e-bearer', TELEGRAM_BOT_TOKEN: '123456:e2e-bot',
      },
    });
    await system.start();
    await system.waitForStatus((st) => st.code === 200, 'every service up', 60_000);

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
    // collected in the page: a violation is an event there, not always a console line
    await context.addInitScript({ content: RECORD_CSP_VIOLATIONS });
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`[${phase}] page error: ${err.message}`));
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      const url = msg.location().url;
      // expected: the login probe's 401 and the wrong token's 401 before logging in; while the gateway
      // restarts, the stream cut off and refused connections
      if (phase === 'load' && text.includes('status of 401') && (url.endsWith('/api/services') || url.endsWith('/api/session'))) return;
      if (phase === 'restart' && /net::ERR_(CONNECTION_REFUSED|INCOMPLETE_CHUNKED_ENCODING)|status of 50[23]/.test(text)) return;
      problems.push(`[${phase}] console error: ${text} (${url})`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await sim?.close();
  });

  it('should load, ask for the token in a form and log in with it (HttpOnly cookie, nothing in storage)', async () => {
    await page.goto(system.gatewayUrl);
    await page.waitForSelector('#login-dialog[open]', { timeout: DOM_TIMEOUT });
    await shot('login');
    await page.fill('#login-token', 'wrong');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-error:text-is("wrong token")', { timeout: DOM_TIMEOUT });
    phase = 'run';
    await page.fill('#login-token', system.token);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#banner[data-state=RUNNING]', { timeout: DOM_TIMEOUT });
    await page.waitForSelector('#live[data-state=live]', { timeout: DOM_TIMEOUT });
    expect(await page.isVisible('#login-dialog')).toBe(false);

    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'polytrader_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })');
    expect(stored).not.toContain(system.token);
    await page.locator('#services .status-up').nth(SERVICE_NAMES.length - 1).waitFor({ timeout: DOM_TIMEOUT });
  });

  it('should show a signal published on the bus without a reload, and the simulator\'s markets with a market\'s chart', async () => {
    // the collector's first cycle on the simulator fills the markets list; the signal is for the top one
    const first = await page.waitForSelector('#markets button[data-market-id]', { timeout: 120_000 });
    const res = await fetch(`${system.gatewayUrl}/api/markets?sort=hype&limit=1`, { headers: { authorization: `Bearer ${system.token}` } });
    const [top] = ((await res.json()) as { items: { id: string; tokenIds: string[]; outcomes: string[] }[] }).items;
    const id = await publishSignal({ id: top.id, tokenId: top.tokenIds[0], outcome: top.outcomes[0] });
    await page.waitForSelector(`#signals tr[data-signal-id="${id}"]`, { timeout: DOM_TIMEOUT });
    // risk decides on it; an approved one is filled (paper) and its trade and position appear live too
    const decision = await page.waitForSelector('#decisions tbody tr', { timeout: DOM_TIMEOUT });
    if ((await decision.textContent())?.includes('approved')) {
      await page.waitForSelector('#trades tbody tr', { timeout: DOM_TIMEOUT });
      await page.waitForSelector('#positions tbody tr', { timeout: DOM_TIMEOUT });
    }

    await first.click();
    await page.waitForSelector('#market .question', { timeout: DOM_TIMEOUT });
    await page.waitForSelector('#market .chart canvas, #market .waiting', { timeout: DOM_TIMEOUT });
    await page.waitForSelector('#cycles table', { timeout: DOM_TIMEOUT });
    // some of the simulator's markets resolve within a day: the calendar lists them
    await page.waitForSelector('#calendar tbody tr:has-text("resolution")', { timeout: DOM_TIMEOUT });
    await shot('desktop');
  });

  it('should halt all seven services with the Kill button (confirmed) and turn the banner HALTED; Reset resumes', async () => {
    await page.click('#kill');
    await page.waitForSelector('#confirm-dialog[open]');
    await page.fill('#confirm-reason', 'e2e kill from the browser');
    await page.click('#confirm-ok');
    const halted = await system.waitForStatus((s) => allHalted(s.body), 'all seven halted after the Kill button');
    expect(halted.body.kill).toMatchObject({ reason: 'e2e kill from the browser', source: 'gateway' });
    await page.waitForSelector('#banner[data-state=HALTED]', { timeout: DOM_TIMEOUT });
    expect(await page.textContent('#banner-why')).toContain('e2e kill from the browser');
    await shot('halted');

    await page.click('#reset');
    await page.waitForSelector('#confirm-dialog[open]');
    await page.click('#confirm-ok');
    await system.waitForStatus((s) => s.code === 200 && allUp(s.body), 'all seven up after the Reset button');
    await page.waitForSelector('#banner[data-state=RUNNING]', { timeout: DOM_TIMEOUT });
  });

  it('should reconnect by itself after the gateway restarts: the same document gets live events again', async () => {
    await page.evaluate('window.__sameDocument = true');
    phase = 'restart';
    expect(await system.stopService('gateway')).toBe(0);
    await page.waitForSelector('#live[data-state=reconnecting]', { timeout: DOM_TIMEOUT });
    system.startService('gateway');
    await system.waitForStatus((st) => st.code === 200, 'every service up after the gateway restart', 60_000);
    await page.waitForSelector('#live[data-state=live]', { timeout: DOM_TIMEOUT });
    const id = await publishSignal({ id: 'e2e-market', tokenId: 'e2e-token', outcome: 'Yes' });
    await page.waitForSelector(`#signals tr[data-signal-id="${id}"]`, { timeout: DOM_TIMEOUT });
    await page.waitForSelector('#banner[data-state=RUNNING]');
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    phase = 'run';
  });

  it('should not scroll sideways at 390 px wide', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // let the charts' ResizeObservers fit them to the narrower cards
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    await page.waitForTimeout(300);
    const widths = await page.evaluate<{ doc: number; body: number }>('({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth })');
    await shot('phone');
    expect(widths.doc).toBeLessThanOrEqual(390);
    expect(widths.body).toBeLessThanOrEqual(390);
  });

  it('should have logged no console error and no CSP violation', async () => {
    expect(await page.evaluate('window.__cspViolations')).toEqual([]);
    expect(problems).toEqual([]);
  });
});
