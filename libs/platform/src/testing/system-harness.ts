import { SERVICE_NAMES, ServiceName } from '@polytrader/contracts';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { serviceNodeFlags, workspaceRoot } from '../service/workspace';
import { freePort, waitFor } from './free-port';
import { NatsServerHandle, startNatsServer } from './nats-harness';

export interface SystemHarnessOptions {
  readonly heartbeatIntervalMs?: number;
  readonly gatewayToken?: string;
  /** node flags for every service process (default: each service's production flags, serviceNodeFlags) */
  readonly nodeFlags?: readonly string[];
  /** bus.metrics_interval_ms of every service (default: the config default) */
  readonly metricsIntervalMs?: number;
  /** further config sections as YAML (not bus, logging or gateway), e.g. a demo's 1-minute grid */
  readonly configYaml?: string;
  /** further environment of every service (outside API URLs, tokens) */
  readonly env?: NodeJS.ProcessEnv;
}

export interface SystemStatusBody {
  state: 'running' | 'halted';
  kill: { reason: string; source: string; ts: string } | null;
  services: Record<string, { status: string; pid: number | null; rssBytes: number | null }>;
}

/**
 * The whole system as real processes: a private nats-server -js, the seven built services
 * (dist/apps/<name>/main.js) with a temp config, temp logs and a free gateway port.
 */
export class SystemHarness {
  readonly procs = new Map<ServiceName, ChildProcess>();
  nats!: NatsServerHandle;
  gatewayUrl = '';
  readonly dir = mkdtempSync(join(tmpdir(), 'polytrader-sys-'));
  readonly token: string;
  private env: NodeJS.ProcessEnv = {};

  constructor(private readonly options: SystemHarnessOptions = {}) {
    this.token = options.gatewayToken ?? 'test-token';
  }

  async start(): Promise<this> {
    this.nats = await startNatsServer();
    const port = await freePort();
    this.gatewayUrl = `http://127.0.0.1:${port}`;
    const configFile = join(this.dir, 'config.yaml');
    writeFileSync(configFile, [
      'bus:', `  heartbeat_interval_ms: ${this.options.heartbeatIntervalMs ?? 250}`,
      ...(this.options.metricsIntervalMs ? [`  metrics_interval_ms: ${this.options.metricsIntervalMs}`] : []),
      'logging:', `  dir: ${join(this.dir, 'logs')}`, '  level: info',
      'gateway:', '  host: 127.0.0.1',
      this.options.configYaml ?? '',
    ].join('\n'));
    this.env = {
      PATH: process.env.PATH, HOME: process.env.HOME,
      ...this.options.env,
      POLYTRADER_CONFIG: configFile, NATS_URL: this.nats.url, GATEWAY_PORT: String(port), GATEWAY_TOKEN: this.token,
    };
    this.startAll();
    return this;
  }

  startAll(): void {
    for (const name of SERVICE_NAMES) this.startService(name);
  }

  startService(name: ServiceName): void {
    const entry = join(workspaceRoot(), 'dist', 'apps', name, 'main.js');
    const proc = spawn(process.execPath, [...(this.options.nodeFlags ?? serviceNodeFlags(name)), entry], { cwd: this.dir, env: this.env, stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
    this.procs.set(name, proc);
  }

  async stopService(name: ServiceName, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const proc = this.procs.get(name);
    this.procs.delete(name);
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return proc?.exitCode ?? null;
    return new Promise((resolve) => {
      proc.once('exit', (code) => resolve(code));
      proc.kill(signal);
    });
  }

  async stopAll(signal: NodeJS.Signals = 'SIGTERM'): Promise<(number | null)[]> {
    return Promise.all([...this.procs.keys()].map((n) => this.stopService(n, signal)));
  }

  async status(): Promise<{ code: number; body: SystemStatusBody }> {
    const res = await fetch(`${this.gatewayUrl}/status`);
    return { code: res.status, body: (await res.json()) as SystemStatusBody };
  }

  /** Waits until /status satisfies the predicate; returns the last status seen. */
  async waitForStatus(pred: (s: { code: number; body: SystemStatusBody }) => boolean, what: string, timeoutMs = 20_000) {
    let last: { code: number; body: SystemStatusBody } | undefined;
    await waitFor(async () => pred((last = await this.status())), { what: `${what} (last: ${JSON.stringify(last)})`, timeoutMs });
    return last!;
  }

  /**
   * Seven processes starting at once beside the other Jest workers on a shared 2-core machine: 20 s was
   * not always enough (the gateway alone answers /health 1.4 s after spawn on an idle machine).
   */
  async waitAllUp(timeoutMs = 60_000): Promise<void> {
    await this.waitForStatus((s) => s.code === 200, 'every service up', timeoutMs);
  }

  /** Publishes raw bytes with a plain NATS client, as `nats pub` would. */
  async publishRaw(subject: string, payload: string | Uint8Array): Promise<void> {
    const nc = await connect({ servers: this.nats.url });
    nc.publish(subject, typeof payload === 'string' ? Buffer.from(payload) : payload);
    await nc.drain();
  }

  async stop(): Promise<void> {
    await this.stopAll();
    await this.nats?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
