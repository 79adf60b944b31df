import { INestApplication } from '@nestjs/common';
import { ServiceRuntime, createServiceApp } from '@polytrader/platform';
import { createTestRuntime } from '@polytrader/platform/testing';
import { GATEWAY_SERVICE } from '../gateway.service';

/** The gateway as production builds it, not listening: supertest drives it in-process. */
export async function startGateway(natsUrl: string, env: NodeJS.ProcessEnv): Promise<{ app: INestApplication; runtime: ServiceRuntime }> {
  const runtime = await createTestRuntime({ name: 'gateway', natsUrl, env });
  const app = (await createServiceApp(GATEWAY_SERVICE, runtime)) as INestApplication;
  await app.init();
  return { app, runtime };
}
