import pino, { Logger } from 'pino';
import { stringify } from 'yaml';
import { validateConfigText } from '../config/load-config';
import { createRuntime } from '../service/bootstrap';
import { ServiceRuntime } from '../service/service-runtime';

export type ConfigOverrides = Record<string, Record<string, unknown>>;

export interface TestRuntimeOptions {
  readonly name: string;
  readonly natsUrl: string;
  /** config sections merged over the test defaults (fast heartbeats, no log file) */
  readonly config?: ConfigOverrides;
  /** environment seen by config loading (secrets, overrides) */
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: Logger;
}

const TEST_DEFAULTS: ConfigOverrides = { bus: { heartbeat_interval_ms: 200 }, logging: { file: false } };

/** A real service runtime (real NATS, real kill switch) for in-process tests. */
export async function createTestRuntime(options: TestRuntimeOptions): Promise<ServiceRuntime> {
  const merged: ConfigOverrides = { ...TEST_DEFAULTS };
  for (const [section, values] of Object.entries(options.config ?? {})) merged[section] = { ...merged[section], ...values };
  const loaded = { ...validateConfigText(stringify(merged), 'test-config.yaml', { ...options.env, NATS_URL: options.natsUrl }), file: null };
  return createRuntime({ name: options.name, loaded, logger: options.logger ?? pino({ level: 'silent' }) });
}
