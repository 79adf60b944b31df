import { INestApplication } from '@nestjs/common';
import { ServiceRuntime, closeService } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer } from '@polytrader/platform/testing';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startGateway } from '../testing/start-gateway';
import { dashboardDir } from './dashboard-static';

describe('gateway serves the dashboard at /', () => {
  let nats: NatsServerHandle;
  let gw: { app: INestApplication; runtime: ServiceRuntime };

  beforeAll(async () => {
    nats = await startNatsServer();
    gw = await startGateway(nats.url, { GATEWAY_TOKEN: 'dash-token' });
  });

  afterAll(async () => {
    await closeService(gw.app, gw.runtime);
    await nats.stop();
  });

  it('should answer / without the token, under the strict CSP, while /api still needs it', async () => {
    const built = existsSync(join(dashboardDir(), 'index.html'));
    const res = await request(gw.app.getHttpServer()).get('/');
    // built by `npm run build`; a checkout without the build gets the 503 that says so
    expect(res.status).toBe(built ? 200 : 503);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    if (built) expect(res.text).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    await request(gw.app.getHttpServer()).get('/api/services').expect(401);
    await request(gw.app.getHttpServer()).get('/assets/no-such-file.js').expect(404);
  });
});
