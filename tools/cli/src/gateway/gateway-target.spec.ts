import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseUrl, resolveGateway } from './gateway-target';

describe('resolveGateway', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-gw-target-'));
  const runFile = join(dir, 'run/polytrader.json');
  const config = join(dir, 'config.yaml');
  mkdirSync(join(dir, 'run'));
  writeFileSync(runFile, JSON.stringify({ pid: 4242, startedAt: '', natsUrl: '', ownNats: false, gatewayUrl: 'http://localhost:9191' }));
  writeFileSync(config, 'gateway:\n  port: 9393\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ POLYTRADER_RUN_FILE: runFile, POLYTRADER_CONFIG: config, GATEWAY_TOKEN: ' tok ', ...extra });
  const alive = () => true;

  it('should take --gateway first, then GATEWAY_URL, then the live run file, then the config port', () => {
    expect(resolveGateway({ flag: 'gw.lan:8080/', env: env({ GATEWAY_URL: 'http://x:1' }), isAlive: alive }))
      .toEqual({ url: 'http://gw.lan:8080', token: 'tok', source: '--gateway', explicit: true, systemRuns: true });
    expect(resolveGateway({ env: env({ GATEWAY_URL: 'https://x.example/base/' }), isAlive: alive }))
      .toMatchObject({ url: 'https://x.example/base', source: 'GATEWAY_URL', explicit: true });
    expect(resolveGateway({ env: env(), isAlive: alive })).toMatchObject({ url: 'http://localhost:9191', source: 'run file', explicit: false, systemRuns: true });
    expect(resolveGateway({ env: env(), isAlive: () => false })).toEqual({ url: 'http://localhost:9393', token: 'tok', source: 'default', explicit: false, systemRuns: false });
  });

  it('should have no token when GATEWAY_TOKEN is unset or blank', () => {
    expect(resolveGateway({ flag: 'http://a:1', env: { GATEWAY_TOKEN: '  ' } }).token).toBeUndefined();
  });

  it('should refuse what is not an http(s) URL, naming where it came from', () => {
    expect(() => baseUrl('ftp://a', '--gateway')).toThrow('--gateway: must be an http:// or https:// URL, got "ftp://a"');
    expect(() => baseUrl('http://', 'GATEWAY_URL')).toThrow('GATEWAY_URL: not a URL, got "http://"');
  });
});
