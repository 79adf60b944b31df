import { AlertStore } from '@polytrader/persistence';
import { createTestDatabase, type TestDatabase } from '@polytrader/persistence/testing';
import { AlertsConfig, EventBus } from '@polytrader/platform';
import pino from 'pino';
import { AlertIntake } from '../alerts/alert-intake';
import { DeliveryWorker, MessageSender } from './delivery-worker';
import type { OutgoingMessage, SendOutcome } from './telegram-api';

/** Records every send; each takes `delayMs` (a message on the wire). */
class SlowSender implements MessageSender {
  readonly sent: OutgoingMessage[] = [];
  constructor(private readonly delayMs: number) {}
  async send(m: OutgoingMessage): Promise<SendOutcome> {
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.sent.push(m);
    return { kind: 'sent', messageId: this.sent.length };
  }
  texts(chat: string): string[] {
    return this.sent.filter((m) => m.chatId === chat).map((m) => m.text);
  }
}

async function until(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The real outbox (SQLite) and intake: the EMERGENCY alert goes before any other message, in every chat. */
describe('delivery order: emergency first', () => {
  let db: TestDatabase;
  let store: AlertStore;
  let worker: DeliveryWorker | null = null;
  const logger = pino({ level: 'silent' });
  const bus = { publish: jest.fn().mockResolvedValue(undefined) } as unknown as EventBus;
  const config = Object.assign(new AlertsConfig(), { chat_ids: [1, 2], per_chat_per_second: 30, global_per_second: 30, max_backoff_s: 1 });

  beforeEach(async () => {
    db = await createTestDatabase('sqlite');
    store = new AlertStore(db.ds);
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    await db?.drop();
  });

  it('should send a queued emergency before the normal messages, health, replies and resets queued ahead of it', async () => {
    const intake = new AlertIntake(config, store, logger, true, () => undefined);
    const tick = () => new Promise((r) => setTimeout(r, 3)); // distinct created_at: arrival order within a priority
    for (let i = 0; i < 5; i++) {
      await intake.accept({ key: `signal:${i}`, kind: 'signal', text: `signal ${i}` });
      await tick();
    }
    await intake.accept({ key: 'health:x', kind: 'health', text: 'health' });
    await tick();
    await intake.accept({ key: 'reset:1', kind: 'reset', text: 'reset' });
    await tick();
    await intake.reply(1, 'reply:9', 'reply');
    await tick();
    await intake.reply(2, 'refusal:10', 'not allowed', 'refusal');
    await tick();
    await intake.accept({ key: 'emergency:2', kind: 'emergency', text: 'EMERGENCY' });
    const sender = new SlowSender(1);
    worker = new DeliveryWorker(config, store, sender, bus, logger);
    await worker.start();
    await until('everything sent', () => sender.sent.length === 18);
    expect(sender.texts('1')).toEqual(['EMERGENCY', 'reset', 'reply', 'health', 'signal 0', 'signal 1', 'signal 2', 'signal 3', 'signal 4']);
    expect(sender.texts('2')).toEqual(['EMERGENCY', 'reset', 'health', 'signal 0', 'signal 1', 'signal 2', 'signal 3', 'signal 4', 'not allowed']);
    expect(await store.outboxSize()).toBe(0);
  });

  it('should send an emergency that arrives mid-burst next in every chat, after only the message already on the wire', async () => {
    const sender = new SlowSender(40);
    worker = new DeliveryWorker(config, store, sender, bus, logger);
    const intake = new AlertIntake(config, store, logger, true, (chats) => worker?.wake(chats));
    await worker.start();
    for (let i = 0; i < 10; i++) await intake.accept({ key: `signal:${i}`, kind: 'signal', text: `signal ${i}` });
    await until('the burst under way', () => sender.texts('1').length >= 2 && sender.texts('2').length >= 2);
    const before = { '1': sender.texts('1').length, '2': sender.texts('2').length };
    await intake.accept({ key: 'emergency:7', kind: 'emergency', text: 'EMERGENCY' });
    await until('every chat got the emergency', () => sender.texts('1').includes('EMERGENCY') && sender.texts('2').includes('EMERGENCY'));
    for (const chat of ['1', '2'] as const) {
      // at most one normal message (the one in flight when the kill was queued) goes between
      expect(sender.texts(chat).indexOf('EMERGENCY') - before[chat]).toBeLessThanOrEqual(1);
    }
    await until('the rest delivered', () => sender.sent.length === 22);
  });
});
