import pino from 'pino';
import { CommandContext, IncomingText, handleCommand, parseCommand } from './commands';
import { KillClock, RefusalLimiter } from './guards';

describe('parseCommand()', () => {
  it('should read the command, a bot mention and the arguments', () => {
    expect(parseCommand('/kill too risky')).toEqual({ name: 'kill', args: 'too risky' });
    expect(parseCommand('/Status@polytrader_bot')).toEqual({ name: 'status', args: '' });
    expect(parseCommand('  /reduce  \n spread too wide ')).toEqual({ name: 'reduce', args: 'spread too wide' });
    expect(parseCommand('hello /kill')).toBeNull();
  });
});

describe('handleCommand()', () => {
  const NOW = Date.parse('2025-01-01T12:00:00Z');
  const published: string[] = [];
  const logs: { level: number; msg: string }[] = [];
  let refusals: RefusalLimiter;
  let kills: KillClock;
  let ctx: CommandContext;
  /** admin chat 7 is a group: user 70 is an owner, user 71 a member */
  const msg = (text: string, over: Partial<IncomingText> = {}): IncomingText => ({ chatId: 7, fromId: 70, text, date: NOW / 1000 - 1, ...over });

  beforeEach(() => {
    published.length = 0;
    logs.length = 0;
    refusals = new RefusalLimiter();
    kills = new KillClock();
    ctx = {
      admins: new Set([7]),
      adminUsers: new Set([70]),
      maxAgeS: 60,
      latestKillMs: () => kills.latestMs,
      mayRefuse: (chat, now) => refusals.take(chat, now),
      now: () => NOW,
      status: () => ({ halted: true, kill: { reason: 'a <b> reason', source: 'cli', ts: '' }, services: {}, health: { up: 0, total: 7, problems: [] } }),
      portfolio: null,
      signals: null,
      startOfDay: () => '2025-01-01T00:00:00.000Z',
      daily: async () => 'daily',
      kill: async (reason) => void published.push(`kill:${reason}`),
      reset: async (reason) => void published.push(`reset:${reason}`),
      reduce: async (reason) => void published.push(`reduce:${reason}`),
      resume: async (reason) => void published.push(`resume:${reason}`),
      titles: async () => (id) => id,
      logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) }),
    };
  });

  it('should refuse every chat that is not an admin, publish nothing and log it', async () => {
    expect(await handleCommand(ctx, msg('/kill', { chatId: 8, fromId: 70 }))).toBe('⛔ Not allowed: chat 8 is not in alerts.admin_chat_ids.');
    expect(await handleCommand({ ...ctx, admins: new Set() }, msg('/reset'))).toMatch(/^⛔ Not allowed/);
    expect(published).toEqual([]);
    expect(logs.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      'refused a message from chat 8: not in alerts.admin_chat_ids', 'refused a message from chat 7: not in alerts.admin_chat_ids',
    ]);
  });

  it('should refuse /kill, /reset and /reduce to a member of an admin chat who is not in admin_user_ids, publishing nothing', async () => {
    expect(await handleCommand(ctx, msg('/kill', { fromId: 71 }))).toBe('⛔ Not allowed: user 71 is not in alerts.admin_user_ids.');
    expect(logs.find((l) => l.level === 40)?.msg).toBe('refused /kill from user 71 in chat 7: user 71 is not in alerts.admin_user_ids');
    for (const text of ['/reset', '/reduce', '/reduce --off']) expect(await handleCommand(ctx, msg(text, { fromId: 71 }))).toBeNull(); // one reply per chat per hour
    expect(await handleCommand(ctx, msg('/kill', { fromId: undefined }))).toBeNull();
    expect(published).toEqual([]);
    // reading commands stay open to the whole admin chat
    expect(await handleCommand(ctx, msg('/help', { fromId: 71 }))).toMatch(/^<b>polytrader commands/);
  });

  it('should fail closed when admin_user_ids is empty: no admin command for anyone, saying why', async () => {
    const closed = { ...ctx, adminUsers: new Set<number>() };
    expect(await handleCommand(closed, msg('/kill now'))).toBe('⛔ Not allowed: admin commands are off: alerts.admin_user_ids is empty.');
    expect(await handleCommand(closed, msg('/reset'))).toBeNull();
    expect(published).toEqual([]);
  });

  it('should send a stranger at most one "not allowed" reply per chat per hour', async () => {
    const at = (ms: number) => ({ ...ctx, now: () => NOW + ms });
    expect(await handleCommand(at(0), msg('/kill', { chatId: 9, fromId: 9 }))).toMatch(/^⛔/);
    expect(await handleCommand(at(1000), msg('/status', { chatId: 9, fromId: 9 }))).toBeNull();
    expect(await handleCommand(at(1000), msg('/status', { chatId: 10, fromId: 10 }))).toMatch(/^⛔/); // another chat: its own hour
    expect(await handleCommand(at(3599_000), msg('hi', { chatId: 9, fromId: 9 }))).toBeNull();
    expect(await handleCommand(at(3600_000), msg('hi', { chatId: 9, fromId: 9 }))).toMatch(/^⛔/);
    // seeded from the database after a restart
    const restarted = new RefusalLimiter();
    restarted.seed(new Map([['9', new Date(NOW).toISOString()]]));
    expect(restarted.take(9, NOW + 60_000)).toBe(false);
    expect(restarted.take(11, NOW + 60_000)).toBe(true);
  });

  it('should publish kill with the reason, or a default one, and escape it in the reply', async () => {
    expect(await handleCommand(ctx, msg('/kill spread <wide>'))).toBe('🛑 Sent <b>system.kill</b>: spread &lt;wide&gt;');
    await handleCommand(ctx, msg('/kill'));
    await handleCommand(ctx, msg('/reset'));
    await handleCommand(ctx, msg('/reduce'));
    expect(await handleCommand(ctx, msg('/reduce --off calmer now'))).toBe('▶️ Sent <b>resume</b> to risk: leaving REDUCING.');
    expect(published).toEqual(['kill:spread <wide>', 'kill:kill requested on Telegram', 'reset:reset requested on Telegram', 'reduce:reduce requested on Telegram', 'resume:calmer now']);
  });

  it('should ignore a /reset or /reduce --off older than command_max_age_s, with a reply, but never a /kill', async () => {
    const old = NOW / 1000 - 61;
    expect(await handleCommand(ctx, msg('/reset', { date: old }))).toBe('⏸ Ignored /reset: it is 61 s old (alerts.command_max_age_s is 60). Nothing was sent; send it again if you still mean it.');
    expect(await handleCommand(ctx, msg('/reduce --off', { date: old }))).toMatch(/^⏸ Ignored \/reduce --off: it is 61 s old/);
    expect(await handleCommand(ctx, msg('/reset', { date: undefined }))).toMatch(/^⏸ Ignored \/reset: it carries no date/);
    expect(await handleCommand(ctx, msg('/kill late', { date: NOW / 1000 - 86_400 }))).toBe('🛑 Sent <b>system.kill</b>: late');
    expect(await handleCommand(ctx, msg('/reduce', { date: old }))).toMatch(/^↘️ Sent/); // reducing is protective too
    expect(published).toEqual(['kill:late', 'reduce:reduce requested on Telegram']);
    expect(logs.filter((l) => l.level === 40).map((l) => l.msg)[0]).toBe('ignored /reset from chat 7: it is 61 s old (alerts.command_max_age_s is 60)');
  });

  it('should ignore a /reset sent before the latest kill, counting the kill\'s own second as before', async () => {
    kills.note({ ts: new Date(NOW - 10_500).toISOString() }); // a kill 10.5 s ago
    expect(await handleCommand(ctx, msg('/reset', { date: NOW / 1000 - 20 }))).toBe(
      `⏸ Ignored /reset: it was sent before the latest kill (${new Date(NOW - 10_500).toISOString()}). Nothing was sent; send it again if you still mean it.`);
    expect(await handleCommand(ctx, msg('/reduce --off', { date: NOW / 1000 - 11 }))).toMatch(/^⏸ Ignored \/reduce --off: it was sent before the latest kill/);
    expect(await handleCommand(ctx, msg('/reset', { date: NOW / 1000 - 10 }))).toBe('▶️ Sent <b>system.reset</b>.');
    kills.note({ ts: new Date(NOW - 60_000).toISOString() }); // an older kill changes nothing
    expect(kills.latestMs).toBe(NOW - 10_500);
    expect(published).toEqual(['reset:reset requested on Telegram']);
  });

  it('should show the halt in /status, and say what is unavailable or unknown', async () => {
    expect(await handleCommand(ctx, msg('/status'))).toBe('🛑 <b>HALTED</b> by cli: a &lt;b&gt; reason\nHealth: all 7 services up');
    expect(await handleCommand(ctx, msg('/positions'))).toBe('Positions are not available (no portfolio store).');
    expect(await handleCommand(ctx, msg('/frobnicate'))).toBe('Unknown command /frobnicate. Send /help for the list.');
    expect(await handleCommand(ctx, msg('hi'))).toBe('Commands start with /. Send /help for the list.');
  });
});
