import { INestApplication } from '@nestjs/common';
import { HeartbeatEvent, SERVICE_NAMES, envelope, heartbeatSubject, parseControlMessage } from '@polytrader/contracts';
import { PeriodicJob, ServiceRuntime, closeService, ensureStreams, serveRunNow } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, promtoolCheckMetrics, startNatsServer, waitFor } from '@polytrader/platform/testing';
import request from 'supertest';
import { startGateway } from './testing/start-gateway';

function beat(service: string, state: HeartbeatEvent['state'] = 'running'): HeartbeatEvent {
  return { ...envelope(service), service, state, version: '0.1.0', uptimeS: 1, intervalMs: 60_000, pid: 1, rssBytes: 1, kill: null, lastCycle: null };
}

async function closeRuntime(runtime: ServiceRuntime): Promise<void> {
  runtime.heartbeat.stop();
  runtime.killSwitch.stop();
  await runtime.nc.drain();
}

describe('gateway HTTP API', () => {
  let nats: NatsServerHandle;
  let app: INestApplication;
  let runtime: ServiceRuntime;

  beforeAll(async () => {
    nats = await startNatsServer();
    ({ app, runtime } = await startGateway(nats.url, { GATEWAY_TOKEN: 'secret-token' }));
  });

  afterAll(async () => {
    await closeService(app, runtime);
    await nats.stop();
  });

  const announceAll = async (state: HeartbeatEvent['state'] = 'running') => {
    for (const n of SERVICE_NAMES) runtime.nc.publish(heartbeatSubject(n), Buffer.from(JSON.stringify(beat(n, state))));
    await runtime.nc.flush();
  };

  describe('GET /health', () => {
    it('should answer 200 ok when the bus is up', async () => {
      await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok', bus: 'up' });
    });
  });

  describe('GET /status', () => {
    it('should answer 503 listing down services before they are seen', async () => {
      const res = await request(app.getHttpServer()).get('/status').expect(503);
      expect(res.body.state).toBe('running');
      expect(res.body.services.collector.status).toBe('down');
    });

    it('should answer 200 when all seven services heartbeat running', async () => {
      await announceAll();
      await waitFor(async () => (await request(app.getHttpServer()).get('/status')).status === 200, { what: '200' });
      const res = await request(app.getHttpServer()).get('/status').expect(200);
      expect(Object.keys(res.body.services)).toEqual([...SERVICE_NAMES]);
      expect(res.body.services.risk).toMatchObject({ status: 'up', version: '0.1.0', uptimeS: 1 });
    });

    it('should dead-letter a malformed heartbeat and keep serving', async () => {
      const dead = runtime.nc.subscribe('system.deadletter', { max: 1 });
      runtime.nc.publish(heartbeatSubject('risk'), Buffer.from('{"service":"risk"'));
      for await (const m of dead) {
        const letter = JSON.parse(Buffer.from(m.data).toString());
        expect(letter).toMatchObject({ subject: 'system.heartbeat.risk', consumer: 'gateway:core', payload: '{"service":"risk"' });
        expect(letter.reason).toMatch(/not UTF-8 JSON/);
      }
      await request(app.getHttpServer()).get('/health').expect(200);
    });
  });

  describe('POST /api/kill and /api/reset', () => {
    it('should refuse without a token (401) and with a wrong one (401)', async () => {
      await request(app.getHttpServer()).post('/api/kill').expect(401);
      await request(app.getHttpServer()).post('/api/kill').set('Authorization', 'Bearer nope').expect(401);
      await request(app.getHttpServer()).post('/api/reset').set('Authorization', 'secret-token').expect(401);
      expect(runtime.killSwitch.isHalted()).toBe(false);
    });

    it('should halt the system with the token and report it in /status, then reset', async () => {
      await request(app.getHttpServer())
        .post('/api/kill').set('Authorization', 'Bearer secret-token').send({ reason: 'owner says stop' })
        .expect(202, { published: 'system.kill', reason: 'owner says stop', source: 'gateway', stream: 'CONTROL', seq: 1 });
      await waitFor(() => runtime.killSwitch.isHalted(), { what: 'halted' });
      const res = await request(app.getHttpServer()).get('/status').expect(503);
      expect(res.body).toMatchObject({ state: 'halted', kill: { reason: 'owner says stop', source: 'gateway' } });

      await request(app.getHttpServer()).post('/api/reset').set('Authorization', 'Bearer secret-token')
        .expect(202, { published: 'system.reset', reason: 'manual reset from gateway', source: 'gateway', stream: 'CONTROL', seq: 2 });
      await waitFor(() => !runtime.killSwitch.isHalted(), { what: 'running' });
      await announceAll();
      await waitFor(async () => (await request(app.getHttpServer()).get('/status')).status === 200, { what: '200 after reset' });
    });

    it('should store a second identical kill again: each HTTP call is a new command', async () => {
      const kill = () => request(app.getHttpServer()).post('/api/kill').set('Authorization', 'Bearer secret-token').send({ reason: 'twice' }).expect(202);
      const [a, b] = [(await kill()).body, (await kill()).body];
      expect(b.seq).toBe(a.seq + 1);
      await request(app.getHttpServer()).post('/api/reset').set('Authorization', 'Bearer secret-token').expect(202);
      await waitFor(() => !runtime.killSwitch.isHalted(), { what: 'running' });
    });
  });

  describe('POST /api/reduce and /api/reduce/off', () => {
    it('should need the token, then store risk.command reduce / resume with the reason', async () => {
      await request(app.getHttpServer()).post('/api/reduce').expect(401);
      const seen: { command: string; reason: string; source: string }[] = [];
      const sub = runtime.nc.subscribe('risk.command', { callback: (_e, m) => seen.push(JSON.parse(Buffer.from(m.data).toString())) });
      const on = await request(app.getHttpServer()).post('/api/reduce').set('Authorization', 'Bearer secret-token').send({ reason: 'FOMC today' }).expect(202);
      expect(on.body).toMatchObject({ published: 'risk.command', command: 'reduce', reason: 'FOMC today' });
      const off = await request(app.getHttpServer()).post('/api/reduce/off').set('Authorization', 'Bearer secret-token').expect(202);
      expect(off.body).toEqual({ published: 'risk.command', command: 'resume', reason: 'reduce-only off from gateway', id: expect.any(String) });
      await waitFor(() => seen.length === 2, { what: 'two risk commands' });
      sub.unsubscribe();
      expect(seen).toMatchObject([{ command: 'reduce', reason: 'FOMC today', source: 'gateway' }, { command: 'resume', source: 'gateway' }]);
      const stored = await runtime.jsm.streams.getMessage('RISK', { last_by_subj: 'risk.command' });
      expect(JSON.parse(Buffer.from(stored.data).toString())).toMatchObject({ command: 'resume' });
    });
  });

  describe('POST /api/collect and /api/analyze', () => {
    it('should need the token, say 503 when no collector answers, 202 once one started, 409 while it runs', async () => {
      await request(app.getHttpServer()).post('/api/collect').expect(401);
      await request(app.getHttpServer()).post('/api/analyze').expect(401);
      const post = (path: string) => request(app.getHttpServer()).post(path).set('Authorization', 'Bearer secret-token');
      const none = await post('/api/collect').expect(503);
      expect(none.body.message).toMatch(/^collector did not answer on system\.run\.collector: /);
      // the collector's side as the service runs it: a PeriodicJob on the real kill switch behind serveRunNow
      let release: () => void = () => undefined;
      const job = new PeriodicJob({
        name: 'collection', killSwitch: runtime.killSwitch, logger: runtime.logger, nextDelayMs: () => 3_600_000,
        run: () => new Promise<void>((resolve) => (release = resolve)),
      });
      job.start();
      const sub = serveRunNow(runtime.nc, 'collector', () => job.startNow(), runtime.logger);
      try {
        expect((await post('/api/collect').expect(202)).body).toMatchObject({ service: 'collector', outcome: 'started' });
        expect((await post('/api/collect').expect(409)).body.message).toBe('collector did not start a run: one is already running');
        release();
        await waitFor(() => !job.isRunning, { what: 'run ended' });
        expect((await post('/api/analyze').expect(503)).body.message).toMatch(/^analyzer did not answer/);
      } finally {
        sub.unsubscribe();
        job.stop();
      }
    });
  });

  describe('POST /api/kill while JetStream refuses it (CONTROL stream missing)', () => {
    it('should answer 500 saying the kill is NOT stored, halt services from the live message, store it once CONTROL is back, and stay halted until a reset', async () => {
      const service = await createTestRuntime({ name: 'risk', natsUrl: nats.url });
      try {
        await waitFor(() => !service.killSwitch.isHalted() && !runtime.killSwitch.isHalted(), { what: 'both running' });
        await runtime.jsm.streams.delete('CONTROL');

        const res = await request(app.getHttpServer())
          .post('/api/kill').set('Authorization', 'Bearer secret-token').send({ reason: 'stop while JetStream is out' })
          .expect(500);
        expect(res.body).toMatchObject({ statusCode: 500, published: 'system.kill', stored: false });
        expect(res.body.message).toMatch(/^system\.kill was NOT stored in the CONTROL stream \(.*the CONTROL stream does not exist\)/);

        // The live message (core NATS) halted every switch anyway, the gateway's own and the service's.
        expect(service.killSwitch.current).toMatchObject({ state: 'halted', kill: { reason: 'stop while JetStream is out', source: 'gateway' } });
        expect(runtime.killSwitch.isHalted()).toBe(true);

        // CONTROL comes back (empty): the halted switches store the kill they obeyed.
        await ensureStreams(runtime.jsm);
        const storedKill = async () => {
          const m = await runtime.jsm.streams.getMessage('CONTROL', { last_by_subj: 'system.kill' }).catch(() => null);
          return m ? parseControlMessage(m.data) : null;
        };
        await waitFor(async () => (await storedKill())?.reason === 'stop while JetStream is out', { what: 'kill stored after CONTROL came back', timeoutMs: 10_000 });
        expect(await storedKill()).toMatchObject({ source: 'gateway' });

        // A restore (as after a reconnect or a restart) reads the stored kill: still halted.
        await service.killSwitch.restore();
        expect(service.killSwitch.isHalted()).toBe(true);
        const restarted = await createTestRuntime({ name: 'risk', natsUrl: nats.url });
        try {
          expect(restarted.killSwitch.current).toMatchObject({ state: 'halted', kill: { reason: 'stop while JetStream is out' } });
        } finally {
          await closeRuntime(restarted);
        }

        await request(app.getHttpServer()).post('/api/reset').set('Authorization', 'Bearer secret-token').send({ reason: 'JetStream back' })
          .expect(202);
        await waitFor(() => !service.killSwitch.isHalted() && !runtime.killSwitch.isHalted(), { what: 'both running after reset' });
      } finally {
        await closeRuntime(service);
      }
    });
  });

  describe('POST /api/session (the dashboard login)', () => {
    it('should name the bad field and its value in a 400, and refuse a wrong token with 401 and no cookie', async () => {
      const bad = await request(app.getHttpServer()).post('/api/session').send({ token: 42, extra: 'x' }).expect(400);
      expect(bad.body.errors).toEqual(expect.arrayContaining(['token: must be a string, got 42', 'extra: property extra should not exist, got "x"']));
      const wrong = await request(app.getHttpServer()).post('/api/session').send({ token: 'nope' }).expect(401);
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('should exchange the token for an HttpOnly SameSite=Strict cookie that control endpoints accept, and refuse a forged one', async () => {
      const res = await request(app.getHttpServer()).post('/api/session').send({ token: 'secret-token' }).expect(204);
      const [cookie] = res.headers['set-cookie'] as unknown as string[];
      expect(cookie).toMatch(/^polytrader_session=[\w-]+\.\d+\.[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
      expect(cookie).not.toContain('secret-token');
      const value = cookie.split(';')[0];
      await request(app.getHttpServer()).post('/api/kill').set('Cookie', value).send({ reason: 'from the dashboard' }).expect(202);
      await waitFor(() => runtime.killSwitch.isHalted(), { what: 'halted by cookie' });
      const forged = value.replace(/\.(\d+)\./, (_m, s: string) => `.${Number(s) + 1}.`);
      await request(app.getHttpServer()).post('/api/reset').set('Cookie', forged).expect(401);
      expect(runtime.killSwitch.isHalted()).toBe(true);
      await request(app.getHttpServer()).post('/api/reset').set('Cookie', value).expect(202);
      await waitFor(() => !runtime.killSwitch.isHalted(), { what: 'reset by cookie' });
    });
  });

  describe('GET /api/config', () => {
    it('should need the token and serve the config with no secret in it', async () => {
      await request(app.getHttpServer()).get('/api/config').expect(401);
      const res = await request(app.getHttpServer()).get('/api/config').set('Authorization', 'Bearer secret-token').expect(200);
      expect(res.body.gateway).toMatchObject({ port: expect.any(Number) });
      expect(res.body.bus.url).toBe(nats.url);
      expect(JSON.stringify(res.body)).not.toContain('secret-token');
    });
  });

  describe('GET /metrics', () => {
    it('should need the token, label every service, and pass promtool check metrics', async () => {
      await request(app.getHttpServer()).get('/metrics').expect(401);
      await announceAll();
      const res = await request(app.getHttpServer()).get('/metrics').set('Authorization', 'Bearer secret-token').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
      for (const service of SERVICE_NAMES) {
        expect(res.text).toContain(`polytrader_service_status{service="${service}",status="up"} 1`);
        expect(res.text).toMatch(new RegExp(`polytrader_service_resident_memory_bytes\\{service="${service}"\\} 1\\n`));
      }
      expect(res.text).toContain('polytrader_system_halted{service="gateway"} 0');
      expect(res.text).toMatch(/process_resident_memory_bytes\{service="gateway"\} \d+/);
      expect(promtoolCheckMetrics(res.text)).toEqual({ status: 0, out: '' });
    });
  });

  describe('HTTP set-up', () => {
    it('should send a strict Content-Security-Policy and serve the OpenAPI document built from the DTOs', async () => {
      const health = await request(app.getHttpServer()).get('/health').expect(200);
      expect(health.headers['content-security-policy']).toContain("default-src 'self'");
      expect(health.headers['content-security-policy']).toContain("object-src 'none'");
      const doc = await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
      expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/session', '/api/kill', '/api/reset']));
      expect(doc.body.components.schemas.SessionRequest.required).toEqual(['token']);
    });
  });

  describe('without GATEWAY_TOKEN', () => {
    it('should keep control endpoints closed with 503, never open', async () => {
      const other = await startGateway(nats.url, {});
      try {
        const res = await request(other.app.getHttpServer()).post('/api/kill').set('Authorization', 'Bearer anything').expect(503);
        expect(res.body.message).toMatch(/GATEWAY_TOKEN is not set/);
        await request(other.app.getHttpServer()).post('/api/reset').expect(503);
        expect(other.runtime.killSwitch.isHalted()).toBe(false);
      } finally {
        await closeService(other.app, other.runtime);
      }
    });
  });
});
