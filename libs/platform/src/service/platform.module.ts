import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { EventBus } from '../bus/event-bus';
import { AppConfig } from '../config/sections';
import { Heartbeat } from '../heartbeat/heartbeat';
import { KillSwitch } from '../kill-switch/kill-switch';
import { ServiceMetrics } from '../metrics/service-metrics';
import { ROOT_LOGGER, SECRETS, SERVICE_RUNTIME, ServiceRuntime } from './service-runtime';

/**
 * Every app imports this the same way: `PlatformModule.forService(runtime)`.
 * It exposes config, secrets, logger, bus, kill switch, heartbeat and the metrics registry to the app's providers.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(runtime: ServiceRuntime): DynamicModule {
    const providers = [
      { provide: SERVICE_RUNTIME, useValue: runtime },
      { provide: AppConfig, useValue: runtime.config },
      { provide: SECRETS, useValue: runtime.secrets },
      { provide: ROOT_LOGGER, useValue: runtime.logger },
      { provide: EventBus, useValue: runtime.bus },
      { provide: KillSwitch, useValue: runtime.killSwitch },
      { provide: Heartbeat, useValue: runtime.heartbeat },
      { provide: ServiceMetrics, useValue: runtime.metrics },
    ];
    return {
      module: PlatformModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: runtime.logger, autoLogging: false, quietReqLogger: true } })],
      providers,
      exports: [...providers.map((p) => p.provide), LoggerModule],
    };
  }
}
