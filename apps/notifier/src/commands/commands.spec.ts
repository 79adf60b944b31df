import pino from 'pino';
import { CommandContext, handleCommand, parseCommand } from './commands';

describe('parseCommand()', () => {
  it('should read the command, a bot mention and the arguments', () => {
    expect(parseCommand('/kill too risky')).toEqual({ name: 'kill', args: 'too risky' });
    expect(parseCommand('/Status@polytrader_bot')).toEqual({ name: 'status', args: '' });
    expect(parseCommand('  /reduce  \n spread too wide ')).toEqual({ name: 'reduce', args: 'spread too wide' });
    expect(parseCommand('hello /kill')).toBeNull();
  });
});

describe('handleCommand()', () => {
  const published: string[] = [];
  const logs: { level: number; msg: string }[] = [];
  const ctx: CommandContext = {
    admins: new Set([7]),
    status: () => ({ halted: true, kill: { reason: 'a <b> reason', source: 'cli', ts: '' }, services: {}, health: { up: 0, total: 7, problems: [] } }),
    portfolio: null,
    signals: null,
    startOfDay: () => '2025-01-01T00:00:00.000Z',
    daily: async () => 'daily',
    kill: async (reason) => void published.push(`kill:${reason}`),
    reset: async (reason) => void published.push(`reset:${reason}`),
    reduce: async (reason) => void published.push(`reduce:${reason}`),
    titles: async () => (id) => id,
    logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) }),
  };

  beforeEach(() => {
    published.length = 0;
    logs.length = 0;
  });

  it('should refuse every chat that is not an admin, publish nothing and log it', async () => {
    expect(await handleCommand(ctx, 8, 8, '/kill')).toBe('⛔ Not allowed: chat 8 is not in alerts.admin_chat_ids.');
    expect(await handleCommand({ ...ctx, admins: new Set() }, 7, 7, '/reset')).toMatch(/^⛔ Not allowed/);
    expect(published).toEqual([]);
    expect(logs.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      'refused a message from chat 8: not in alerts.admin_chat_ids', 'refused a message from chat 7: not in alerts.admin_chat_ids',
    ]);
  });

  it('should publish kill with the reason, or a default one, and escape it in the reply', async () => {
    expect(await handleCommand(ctx, 7, 7, '/kill spread <wide>')).toBe('🛑 Sent <b>system.kill</b>: spread &lt;wide&gt;');
    await handleCommand(ctx, 7, 7, '/kill');
    await handleCommand(ctx, 7, 7, '/reset');
    await handleCommand(ctx, 7, 7, '/reduce');
    expect(published).toEqual(['kill:spread <wide>', 'kill:kill requested on Telegram', 'reset:reset requested on Telegram', 'reduce:reduce requested on Telegram']);
  });

  it('should show the halt in /status, and say what is unavailable or unknown', async () => {
    expect(await handleCommand(ctx, 7, 7, '/status')).toBe('🛑 <b>HALTED</b> by cli: a &lt;b&gt; reason\nHealth: all 7 services up');
    expect(await handleCommand(ctx, 7, 7, '/positions')).toBe('Positions are not available (no portfolio store).');
    expect(await handleCommand(ctx, 7, 7, '/frobnicate')).toBe('Unknown command /frobnicate. Send /help for the list.');
    expect(await handleCommand(ctx, 7, 7, 'hi')).toBe('Commands start with /. Send /help for the list.');
  });
});
