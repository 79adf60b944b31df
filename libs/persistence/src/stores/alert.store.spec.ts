import type { Engine } from '../engine';
import { createTestDatabase, type TestDatabase } from '../testing';
import { AlertRejectionStore } from './alert-rejection.store';
import { AlertStore, NewAlert } from './alert.store';
import { TelegramOffsetStore } from './telegram-offset.store';

const alert = (id: string, over: Partial<NewAlert> = {}): NewAlert => ({
  alertId: `${id}@42`, kind: 'signal', chatId: '42', text: `<b>${id}</b>`, silent: false, priority: 2, createdAt: '2025-01-01T10:00:00.000Z', ...over,
});

describe.each<Engine>(['sqlite', 'postgres'])('AlertStore (%s)', (engine) => {
  let db: TestDatabase;
  let store: AlertStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    store = new AlertStore(db.ds);
  });
  afterEach(() => db?.drop());

  describe('enqueue()', () => {
    it('should queue an alert once, however often its event is delivered, and never again once delivered', async () => {
      expect(await store.enqueue([alert('a'), alert('b')])).toBe(2);
      expect(await store.enqueue([alert('a'), alert('b', { text: 'changed' })])).toBe(0);
      expect(await store.outboxSize()).toBe(2);
      await store.complete({ alertId: 'a@42', kind: 'signal', chatId: '42', status: 'sent', attempts: 1, error: null, ts: '2025-01-01T10:00:01Z' });
      expect(await store.enqueue([alert('a')])).toBe(0);
      expect(await store.outboxSize()).toBe(1);
    });
  });

  describe('next()', () => {
    it('should answer the head of a chat: lowest priority number first, then oldest', async () => {
      await store.enqueue([
        alert('old', { createdAt: '2025-01-01T10:00:00Z' }), alert('new', { createdAt: '2025-01-01T10:00:05Z' }),
        alert('kill', { priority: 0, createdAt: '2025-01-01T10:00:09Z', silent: true }), alert('other', { chatId: '7', alertId: 'other@7' }),
      ]);
      expect(await store.next('42')).toEqual({
        alertId: 'kill@42', kind: 'signal', chatId: '42', text: '<b>kill</b>', silent: true, priority: 0, attempts: 0,
        nextAttemptAt: '2025-01-01T10:00:09.000Z', createdAt: '2025-01-01T10:00:09.000Z', lastError: null,
      });
      await store.complete({ alertId: 'kill@42', kind: 'signal', chatId: '42', status: 'sent', attempts: 1, error: null, ts: '2025-01-01T10:00:10Z' });
      expect((await store.next('42'))?.alertId).toBe('old@42');
      expect((await store.pendingChats()).sort()).toEqual(['42', '7']);
      expect(await store.next('99')).toBeNull();
    });
  });

  describe('latestByChat()', () => {
    it('should answer the newest alert of a kind per chat, queued or recorded, since a time', async () => {
      await store.enqueue([
        alert('r1', { kind: 'refusal', chatId: '5', alertId: 'r1@5', createdAt: '2025-01-01T10:00:00Z' }),
        alert('r2', { kind: 'refusal', chatId: '6', alertId: 'r2@6', createdAt: '2025-01-01T08:00:00Z' }),
        alert('s', { chatId: '5', alertId: 's@5', createdAt: '2025-01-01T11:00:00Z' }),
      ]);
      await store.complete({ alertId: 'r0@5', kind: 'refusal', chatId: '5', status: 'sent', attempts: 1, error: null, ts: '2025-01-01T10:30:00Z' });
      const got = await store.latestByChat('refusal', '2025-01-01T09:00:00Z');
      expect([...got.entries()]).toEqual([['5', '2025-01-01T10:30:00.000Z']]);
    });
  });

  describe('defer() and complete()', () => {
    it('should keep the attempt count and error, then move the alert to the journal', async () => {
      await store.enqueue([alert('a')]);
      await store.defer('a@42', 1, '2025-01-01T10:00:03Z', '429: retry after 3');
      expect(await store.next('42')).toMatchObject({ attempts: 1, nextAttemptAt: '2025-01-01T10:00:03.000Z', lastError: '429: retry after 3' });
      await store.complete({ alertId: 'a@42', kind: 'signal', chatId: '42', status: 'failed', attempts: 2, error: '400: chat not found', ts: '2025-01-01T10:00:04Z' });
      expect(await store.outboxSize()).toBe(0);
      expect(await store.recent()).toEqual([
        { alertId: 'a@42', kind: 'signal', chatId: '42', status: 'failed', attempts: 2, error: '400: chat not found', ts: '2025-01-01T10:00:04.000Z' },
      ]);
    });
  });
});

describe.each<Engine>(['sqlite', 'postgres'])('AlertRejectionStore (%s)', (engine) => {
  let db: TestDatabase;
  let rejections: AlertRejectionStore;
  let alerts: AlertStore;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
    rejections = new AlertRejectionStore(db.ds);
    alerts = new AlertStore(db.ds);
  });
  afterEach(() => db?.drop());

  it('should summarize each rejection exactly once, queueing the summary in the same step', async () => {
    const r = (id: string, ts: string) => ({ eventId: id, marketId: `m-${id}`, reasons: ['liquidity below 1000'], ts });
    expect(await rejections.add(r('1', '2025-01-01T10:00:00Z'))).toBe(true);
    expect(await rejections.add(r('1', '2025-01-01T10:00:00Z'))).toBe(false);
    await rejections.add(r('2', '2025-01-01T10:01:00Z'));
    const taken = await rejections.summarize('s1', (rows) => [alert('summary-s1', { text: `${rows.length} rejected`, kind: 'rejections' })]);
    expect(taken.map((t) => t.eventId)).toEqual(['1', '2']);
    expect(taken[0]).toEqual({ eventId: '1', marketId: 'm-1', reasons: ['liquidity below 1000'], ts: '2025-01-01T10:00:00.000Z' });
    expect(await alerts.next('42')).toMatchObject({ alertId: 'summary-s1@42', text: '2 rejected' });
    expect(await rejections.summarize('s2', () => [alert('summary-s2')])).toEqual([]);
    expect(await alerts.outboxSize()).toBe(1);
    await rejections.add(r('3', '2025-01-01T10:02:00Z'));
    expect((await rejections.summarize('s3', () => [alert('summary-s3')])).map((t) => t.eventId)).toEqual(['3']);
  });

  it('should leave the rejections unsummarized when building the summary fails', async () => {
    await rejections.add({ eventId: '1', marketId: 'm', reasons: [], ts: '2025-01-01T10:00:00Z' });
    await expect(rejections.summarize('s1', () => { throw new Error('boom'); })).rejects.toThrow(/rejection summary s1 not queued: boom/);
    expect((await rejections.summarize('s2', () => [])).map((t) => t.eventId)).toEqual(['1']);
  });
});

describe.each<Engine>(['sqlite', 'postgres'])('TelegramOffsetStore (%s)', (engine) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase(engine);
  });
  afterEach(() => db?.drop());

  it('should store the offset per bot together with the replies, and read it back', async () => {
    const offsets = new TelegramOffsetStore(db.ds);
    const alerts = new AlertStore(db.ds);
    expect(await offsets.read('123')).toBeNull();
    await offsets.handled('123', 813_718_942, [alert('reply:813718941', { kind: 'reply', priority: 1 })]);
    await offsets.handled('123', 813_718_943);
    await offsets.handled('999', 5);
    expect(await offsets.read('123')).toEqual({ nextOffset: 813_718_943, updatedAt: expect.stringMatching(/Z$/) });
    expect((await offsets.read('999'))?.nextOffset).toBe(5);
    expect(await alerts.next('42')).toMatchObject({ alertId: 'reply:813718941@42', kind: 'reply' });
  });

  it('should store neither the offset nor the reply when the reply cannot be queued', async () => {
    const offsets = new TelegramOffsetStore(db.ds);
    await expect(offsets.handled('123', 10, [alert('bad', { createdAt: 'not a time' })])).rejects.toThrow(/Telegram offset 10 of bot 123 not stored/);
    expect(await offsets.read('123')).toBeNull();
    expect(await new AlertStore(db.ds).outboxSize()).toBe(0);
  });
});
