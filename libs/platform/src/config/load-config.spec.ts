import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, validateConfigText } from './load-config';
import { AppConfig } from './sections';

const repoConfig = join(__dirname, '../../../../config.yaml');

function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    validateConfigText(text, 'test.yaml', env);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message.split('\n').slice(1).map((l) => l.trim().replace(/^- /, ''));
  }
}

describe('loadConfig()', () => {
  it('should accept the shipped config.yaml and match the documented defaults', () => {
    const { config } = loadConfig({ path: repoConfig, env: {} });
    expect(JSON.parse(JSON.stringify(config))).toEqual(JSON.parse(JSON.stringify(new AppConfig())));
  });

  it('should fall back to defaults for empty sections and an empty file', () => {
    expect(validateConfigText('', 'x', {}).config.risk.daily_loss_limit).toBe(-5);
    expect(validateConfigText('risk:\n', 'x', {}).config.risk.timezone).toBe('UTC');
  });

  it('should list every problem by path and value when a file has three mistakes', () => {
    const lines = problemsOf('risk:\n  daily_loss_limit: 5\ngateway:\n  port: 70000\nbus:\n  hartbeat_interval_ms: 100\n');
    expect(lines).toEqual([
      'risk.daily_loss_limit: must be a negative number (percent of start-of-day equity), got 5',
      'gateway.port: must not be greater than 65535, got 70000',
      'bus.hartbeat_interval_ms: unknown key (did you mean heartbeat_interval_ms?), got 100',
    ]);
  });

  it('should reject unknown sections', () => {
    expect(problemsOf('riks:\n  max_drawdown: -1\n')).toEqual([expect.stringMatching(/^riks: unknown key \(did you mean risk\?\)/)]);
  });

  it('should refuse secrets in the file and never echo their value', () => {
    const lines = problemsOf('alerts:\n  telegram_bot_token: "123:abc"\n');
    expect(lines[0]).toMatch(/^alerts.telegram_bot_token: secrets are read from environment variables only/);
    expect(lines.join()).not.toContain('123:abc');
  });

  it('should report YAML syntax errors with their line', () => {
    expect(problemsOf('risk:\n  a: [1,\n')[0]).toMatch(/^\(yaml line \d+:\d+\)/);
  });

  it('should read a list override as comma-separated values, replacing the file\'s list', () => {
    const text = 'hype:\n  rss_feeds: [https://a.example/feed]\n';
    const loaded = validateConfigText(text, 'x', { HYPE_RSS_FEEDS: ' http://127.0.0.1:1/rss.xml , https://b.example/atom ,' });
    expect(loaded.config.hype.rss_feeds).toEqual(['http://127.0.0.1:1/rss.xml', 'https://b.example/atom']);
    expect(validateConfigText(text, 'x', {}).config.hype.rss_feeds).toEqual(['https://a.example/feed']);
    const chats = validateConfigText('', 'x', { TELEGRAM_CHAT_IDS: '42, -1001234', TELEGRAM_ADMIN_CHAT_IDS: '42' }).config.alerts;
    expect([chats.chat_ids, chats.admin_chat_ids]).toEqual([[42, -1001234], [42]]);
    const users = validateConfigText('', 'x', { TELEGRAM_ADMIN_USER_IDS: '7, 8' }).config.alerts;
    expect([users.admin_user_ids, users.command_max_age_s]).toEqual([[7, 8], 60]);
    expect(problemsOf('', { TELEGRAM_CHAT_IDS: '42,me' })[0]).toMatch(/^alerts.chat_ids \(from TELEGRAM_CHAT_IDS\): .*"me"/);
  });

  it('should apply environment overrides and name the variable in errors', () => {
    const env = { NATS_URL: 'nats://10.0.0.1:4333', GATEWAY_PORT: '9090', GATEWAY_TOKEN: 't0k3n' };
    const loaded = validateConfigText('', 'x', env);
    expect(loaded.config.bus.url).toBe('nats://10.0.0.1:4333');
    expect(loaded.config.gateway.port).toBe(9090);
    expect(loaded.secrets.gatewayToken).toBe('t0k3n');
    expect(problemsOf('', { GATEWAY_PORT: 'abc' })[0]).toMatch(/^gateway.port \(from GATEWAY_PORT\): .*got "abc"/);
  });

  it('should refuse an execution mode without a venue, naming the one that exists', () => {
    expect(problemsOf('execution:\n  mode: live\n', { POLYMARKET_PRIVATE_KEY: '0xabc' })[0])
      .toMatch(/^execution.mode: must be paper: the paper broker is the only execution venue.*got "live"/);
    expect(problemsOf('execution:\n  mode: paper\n')).toEqual([]);
  });

  it('should fail when an explicitly named file is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    expect(() => loadConfig({ path: join(dir, 'nope.yaml'), env: {} })).toThrow(/config file not found/);
    writeFileSync(join(dir, 'ok.yaml'), 'gateway:\n  port: 8181\n');
    expect(loadConfig({ env: { POLYTRADER_CONFIG: join(dir, 'ok.yaml') } }).config.gateway.port).toBe(8181);
  });

  it('should validate value types strictly', () => {
    const lines = problemsOf('execution:\n  mode: yolo\nalerts:\n  admin_chat_ids: ["abc"]\n  daily_summary_at: "25:00"\nrisk:\n  timezone: Mars/Base\nportfolio:\n  sector_limits: {politics: 150}\n');
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).toMatch(/portfolio.sector_limits: .*politics is out of range/);
  });
});
