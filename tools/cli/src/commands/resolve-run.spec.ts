import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDbUrl, normalizeDbUrl, resolveRun } from './resolve-run';

describe('resolveRun (which database a CLI command reads)', () => {
  let dir: string;
  let runFile: string;
  let configFile: string;
  const LIVE = 4242;
  const alive = (pid: number) => pid === LIVE;
  const writeRun = (o: Record<string, unknown>) => writeFileSync(runFile, JSON.stringify({ pid: LIVE, startedAt: '2026-12-07T03:00:00Z', natsUrl: 'nats://127.0.0.1:4222', ownNats: false, ...o }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'resolve-run-'));
    runFile = join(dir, 'polytrader.json');
    configFile = join(dir, 'config.yaml');
    writeFileSync(configFile, 'storage:\n  url: data/from-config.sqlite\ngateway:\n  port: 8181\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should use the config file when no run file exists', () => {
    const r = resolveRun({ env: { POLYTRADER_CONFIG: configFile }, runFile, isAlive: alive });
    expect(r.storageUrl).toBe('data/from-config.sqlite');
    expect(r.config.storage.url).toBe('data/from-config.sqlite');
    expect(r.source).toBe(configFile);
    expect(r.run).toBeNull();
    expect(r.gatewayUrl).toBe('http://localhost:8181');
    expect(r.line).toBe(`database: sqlite:data/from-config.sqlite (from ${configFile})`);
  });

  it('should use the storage and gateway URL of a running system from its run file, and its config file', () => {
    const demoConfig = join(dir, 'demo.yaml');
    writeFileSync(demoConfig, 'data_collection:\n  interval_minutes: 1\n');
    writeRun({ storageUrl: 'data/demo.sqlite', gatewayUrl: 'http://localhost:9090', configFile: demoConfig, apiEnv: { GAMMA_API_URL: 'http://127.0.0.1:8790/gamma' } });
    const r = resolveRun({ env: {}, runFile, isAlive: alive });
    expect(r.storageUrl).toBe('data/demo.sqlite');
    expect(r.config.storage.url).toBe('data/demo.sqlite');
    expect(r.config.data_collection.interval_minutes).toBe(1);
    expect(r.gatewayUrl).toBe('http://localhost:9090');
    expect(r.source).toBe(runFile);
    expect(r.line).toBe(`database: sqlite:data/demo.sqlite (from ${runFile})`);
    expect(r.childEnv).toEqual({ GAMMA_API_URL: 'http://127.0.0.1:8790/gamma', DATABASE_URL: 'data/demo.sqlite', POLYTRADER_CONFIG: demoConfig });
  });

  it('should ignore a stale run file (pid gone) and say so', () => {
    writeRun({ pid: 999_999, storageUrl: 'data/demo.sqlite', gatewayUrl: 'http://localhost:9090' });
    const r = resolveRun({ env: { POLYTRADER_CONFIG: configFile }, runFile, isAlive: alive });
    expect(r.storageUrl).toBe('data/from-config.sqlite');
    expect(r.run).toBeNull();
    expect(r.gatewayUrl).toBe('http://localhost:8181');
    expect(r.line).toBe(`database: sqlite:data/from-config.sqlite (from ${configFile}; ${runFile} is stale (pid 999999 is not running))`);
  });

  it('should ignore an unreadable run file', () => {
    writeFileSync(runFile, '{not json');
    expect(resolveRun({ env: { POLYTRADER_CONFIG: configFile }, runFile, isAlive: alive }).storageUrl).toBe('data/from-config.sqlite');
  });

  it('should let --db win over the run file, DATABASE_URL and the config', () => {
    writeRun({ storageUrl: 'data/demo.sqlite' });
    const env = { POLYTRADER_CONFIG: configFile, DATABASE_URL: 'data/env.sqlite' };
    const r = resolveRun({ db: 'sqlite:/tmp/other.sqlite', env, runFile, isAlive: alive });
    expect(r.storageUrl).toBe('/tmp/other.sqlite');
    expect(r.config.storage.url).toBe('/tmp/other.sqlite');
    expect(r.childEnv.DATABASE_URL).toBe('/tmp/other.sqlite');
    expect(r.line).toBe('database: sqlite:/tmp/other.sqlite (from --db)');
    expect(resolveRun({ db: 'postgres://u:secret@db:5432/pt', env, runFile, isAlive: alive }).line).toBe('database: postgres://u:***@db:5432/pt (from --db)');
  });

  it('should let an explicit DATABASE_URL win over the run file', () => {
    writeRun({ storageUrl: 'data/demo.sqlite' });
    const r = resolveRun({ env: { POLYTRADER_CONFIG: configFile, DATABASE_URL: 'data/env.sqlite' }, runFile, isAlive: alive });
    expect(r.storageUrl).toBe('data/env.sqlite');
    expect(r.source).toBe('DATABASE_URL');
  });

  it('should refuse an empty --db and normalize sqlite: prefixes', () => {
    expect(() => normalizeDbUrl(' ')).toThrow(/--db/);
    expect(normalizeDbUrl('sqlite:data/x.sqlite')).toBe('data/x.sqlite');
    expect(normalizeDbUrl('sqlite://data/x.sqlite')).toBe('data/x.sqlite');
    expect(normalizeDbUrl('data/x.sqlite')).toBe('data/x.sqlite');
    expect(describeDbUrl('data/x.sqlite')).toBe('sqlite:data/x.sqlite');
  });
});
