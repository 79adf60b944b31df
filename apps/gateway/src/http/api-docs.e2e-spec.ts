import { INestApplication } from '@nestjs/common';
import { ServiceRuntime, closeService } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { existsSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { chromium, type Browser, type ConsoleMessage } from 'playwright-core';
import { startGateway } from '../testing/start-gateway';

jest.setTimeout(120_000);

/** Debian's chromium (.ci/run installs it when missing), as the dashboard's e2e spec launches it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOM_TIMEOUT = 60_000;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** A string, not a function: this file is type-checked as node code (no DOM lib). */
const RECORD_CSP_VIOLATIONS = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`;

/** Swagger UI at /api/docs in a real browser, under the headers the gateway really sends. */
describe('API docs page in headless Chromium', () => {
  let nats: NatsServerHandle;
  let gw: { app: INestApplication; runtime: ServiceRuntime };
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    nats = await startNatsServer();
    gw = await startGateway(nats.url, { GATEWAY_TOKEN: 'docs-token' });
    await gw.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(gw.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
  });

  afterAll(async () => {
    await browser?.close();
    if (gw) await closeService(gw.app, gw.runtime);
    await nats?.stop();
  });

  it('should render every operation of the OpenAPI document with no console error and no CSP violation', async () => {
    const doc = (await (await fetch(`${url}/api/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).filter((k) => HTTP_METHODS.includes(k)).length, 0);
    expect(operations).toBeGreaterThan(20);

    const context = await browser.newContext();
    await context.addInitScript({ content: RECORD_CSP_VIOLATIONS });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()} (${msg.location().url})`);
    });
    try {
      const res = await page.goto(`${url}/api/docs`);
      expect(res?.status()).toBe(200);
      await page.waitForSelector('.swagger-ui .opblock', { timeout: DOM_TIMEOUT });
      // polled from here: waitForFunction with a string needs the page's eval, which the CSP refuses
      await waitFor(async () => (await page.locator('.swagger-ui .opblock').count()) >= operations, { what: `${operations} operations rendered`, timeoutMs: 10_000 }).catch(() => undefined);
      expect(await page.locator('.swagger-ui .opblock').count()).toBe(operations);
      expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('polytrader gateway');
      expect({ problems, csp: await page.evaluate('window.__cspViolations') }).toEqual({ problems: [], csp: [] });
    } finally {
      await context.close();
    }
  });

  it('should allow inline styles on the docs page only, and inline scripts nowhere', async () => {
    const cspOf = async (path: string) => (await fetch(`${url}${path}`)).headers.get('content-security-policy') ?? '';
    for (const path of ['/', '/health', '/api/services', '/api/docs/openapi.json', '/api/docs/swagger-ui-init.js']) {
      const csp = await cspOf(path);
      expect({ path, csp }).toEqual({ path, csp: expect.stringMatching(/script-src 'self';.*style-src 'self';/) });
      expect({ path, inline: csp.includes('unsafe-inline') }).toEqual({ path, inline: false });
    }
    for (const path of ['/api/docs', '/api/docs/', '/api/docs/index.html']) {
      expect({ path, csp: await cspOf(path) }).toEqual({ path, csp: expect.stringMatching(/default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';/) });
    }
  });
});
