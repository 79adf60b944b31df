import { INestApplication } from '@nestjs/common';
import { TestDatabase, createTestDatabase } from '@polytrader/persistence/testing';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { NatsServerHandle, createTestRuntime, startNatsServer, type TestRuntimeOptions } from '@polytrader/platform/testing';
import request from 'supertest';
import { GATEWAY_SERVICE } from '../gateway.service';

/** The gateway as production builds it, not listening: supertest drives it in-process. */
export async function startGateway(
  natsUrl: string, env: NodeJS.ProcessEnv, config?: TestRuntimeOptions['config'],
): Promise<{ app: INestApplication; runtime: ServiceRuntime }> {
  const runtime = await createTestRuntime({ name: 'gateway', natsUrl, env, config });
  const app = (await createServiceApp(GATEWAY_SERVICE, runtime)) as INestApplication;
  await app.init();
  return { app, runtime };
}

export interface GatewayOnDatabase {
  readonly nats: NatsServerHandle;
  readonly db: TestDatabase;
  readonly gw: { app: INestApplication; runtime: ServiceRuntime };
  /** GET with the bearer token */
  get(path: string): request.Test;
  close(): Promise<void>;
}

/** A private NATS, an SQLite test database seeded by a writer connection, and the gateway reading it. */
export async function gatewayOnDatabase(
  token: string, seed: (db: TestDatabase) => Promise<void>, options: { env?: NodeJS.ProcessEnv; config?: TestRuntimeOptions['config'] } = {},
): Promise<GatewayOnDatabase> {
  const nats = await startNatsServer();
  const db = await createTestDatabase('sqlite');
  await seed(db);
  const gw = await startGateway(nats.url, { GATEWAY_TOKEN: token, DATABASE_URL: db.url, ...options.env }, options.config);
  return {
    nats, db, gw,
    get: (path) => request(gw.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`),
    close: async () => {
      await closeService(gw.app, gw.runtime);
      await db.drop();
      await nats.stop();
    },
  };
}
