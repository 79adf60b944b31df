import { loadConfig } from '@polytrader/platform';
import { isAlive, readRunFile, runFilePath } from '../orchestrator/pidfile';

/** Where the gateway URL came from, in the order it is looked for. */
export type GatewaySource = '--gateway' | 'GATEWAY_URL' | 'run file' | 'default';

export interface GatewayTarget {
  /** base URL without a trailing slash, e.g. http://localhost:8080 */
  readonly url: string;
  /** GATEWAY_TOKEN, sent as a bearer token; undefined when unset */
  readonly token: string | undefined;
  readonly source: GatewaySource;
  /** named by the user (--gateway or GATEWAY_URL): never replaced by a local fallback */
  readonly explicit: boolean;
  /** a running `polytrader start` (live run file) or an explicit URL: acting commands go through it */
  readonly systemRuns: boolean;
}

export interface ResolveGatewayOptions {
  /** --gateway URL */
  readonly flag?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** tests: decide whether a pid runs */
  readonly isAlive?: (pid: number) => boolean;
}

/**
 * The gateway a CLI command talks to: `--gateway URL`, else GATEWAY_URL, else the gateway of the
 * running `polytrader start` (its run file, data/run/polytrader.json, when its pid is alive), else
 * http://localhost:<gateway.port of the config>. The token is GATEWAY_TOKEN.
 */
export function resolveGateway(options: ResolveGatewayOptions = {}): GatewayTarget {
  const env = options.env ?? process.env;
  const token = env.GATEWAY_TOKEN?.trim() || undefined;
  if (options.flag !== undefined) return { url: baseUrl(options.flag, '--gateway'), token, source: '--gateway', explicit: true, systemRuns: true };
  if (env.GATEWAY_URL?.trim()) return { url: baseUrl(env.GATEWAY_URL, 'GATEWAY_URL'), token, source: 'GATEWAY_URL', explicit: true, systemRuns: true };
  const run = readRunFile(runFilePath(env));
  if (run?.gatewayUrl && typeof run.pid === 'number' && (options.isAlive ?? isAlive)(run.pid)) {
    return { url: baseUrl(run.gatewayUrl, 'the run file'), token, source: 'run file', explicit: false, systemRuns: true };
  }
  const port = loadConfig({ env }).config.gateway.port;
  return { url: `http://localhost:${port}`, token, source: 'default', explicit: false, systemRuns: false };
}

/** `host:8080` → `http://host:8080`; a trailing slash dropped; anything but http(s) refused. */
export function baseUrl(value: string, what: string): string {
  const v = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`${what}: not a URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${what}: must be an http:// or https:// URL, got ${JSON.stringify(value)}`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
