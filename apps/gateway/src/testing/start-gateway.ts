import { INestApplication } from '@nestjs/common';
import { ServiceRuntime, createServiceApp } from '@polytrader/platform';
import { createTestRuntime, type TestRuntimeOptions } from '@polytrader/platform/testing';
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
