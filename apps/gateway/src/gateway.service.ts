import type { ServiceDefinition } from '@polytrader/platform';
import { GatewayModule } from './gateway.module';
import { configureGatewayHttp } from './http/configure-http';

/** The gateway as main.ts starts it and the tests build it (they drive it with supertest, not listening). */
export const GATEWAY_SERVICE = {
  name: 'gateway',
  module: GatewayModule,
  configureHttp: (app) => configureGatewayHttp(app),
  http: async () => undefined,
} as const satisfies ServiceDefinition;
