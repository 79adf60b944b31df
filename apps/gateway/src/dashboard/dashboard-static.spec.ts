import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { dashboardDir, dashboardStatic } from './dashboard-static';

describe('dashboardStatic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'polytrader-dashboard-'));
  const app = (d: string) => express().use(dashboardStatic(d)).use((_req, res) => res.status(404).send('next'));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should answer 503 saying the dashboard is not built when its directory is missing, and pass /api on', async () => {
    const missing = join(dir, 'nope');
    const res = await request(app(missing)).get('/').expect(503);
    expect(res.type).toBe('text/plain');
    expect(res.text).toContain('the dashboard is not built');
    await request(app(missing)).get('/assets/index.js').expect(503);
    await request(app(missing)).get('/api/services').expect(404, 'next');
  });

  it('should serve index.html at / uncached and the hashed assets for a year, once built (no restart)', async () => {
    const built = join(dir, 'built');
    const server = app(built);
    await request(server).get('/').expect(503);
    mkdirSync(join(built, 'assets'), { recursive: true });
    writeFileSync(join(built, 'index.html'), '<!doctype html><title>polytrader</title>');
    writeFileSync(join(built, 'assets', 'index-abc.js'), 'console.log(1)');

    const page = await request(server).get('/').expect(200);
    expect(page.type).toBe('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).toContain('<title>polytrader</title>');

    const js = await request(server).get('/assets/index-abc.js').expect(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await request(server).get('/assets/missing.js').expect(404, 'next');
    await request(server).get('/index.html').expect(404, 'next');
  });

  it('should find the build under the workspace root', () => {
    expect(dashboardDir('/srv/polytrader')).toBe('/srv/polytrader/dist/apps/dashboard');
  });
});
