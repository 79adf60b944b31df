import type { AlertDeliveryRecord, AlertStore, OutboxAlert } from '@polytrader/persistence';
import { AlertsConfig, EventBus } from '@polytrader/platform';
import type { Logger } from 'pino';
import { DeliveryWorker, MessageSender } from './delivery-worker';
import type { OutgoingMessage, SendOutcome } from './telegram-api';

const CHAT = '42';

/** An in-memory outbox whose steps can be made to fail once. */
class FakeStore {
  readonly outbox: OutboxAlert[] = [];
  readonly completed: AlertDeliveryRecord[] = [];
  nextCalls = 0;
  /** 1-based numbers of the next() calls that throw */
  failNextCalls = new Set<number>();
  failCompletes = 0;

  add(alertId: string, text: string): void {
    this.outbox.push({
      alertId, kind: 'emergency', chatId: CHAT, text, silent: false, priority: 0, createdAt: new Date().toISOString(),
      attempts: 0, nextAttemptAt: new Date(0).toISOString(), lastError: null,
    });
  }

  async pendingChats(): Promise<string[]> {
    return [...new Set(this.outbox.map((a) => a.chatId))];
  }

  async next(chatId: string): Promise<OutboxAlert | null> {
    this.nextCalls++;
    if (this.failNextCalls.has(this.nextCalls)) throw new Error(`outbox read ${this.nextCalls} failed`);
    return this.outbox.find((a) => a.chatId === chatId) ?? null;
  }

  async defer(alertId: string, attempts: number, nextAttemptAt: string, error: string): Promise<void> {
    const a = this.outbox.find((x) => x.alertId === alertId);
    if (a) Object.assign(a, { attempts, nextAttemptAt, lastError: error });
  }

  async complete(outcome: AlertDeliveryRecord): Promise<void> {
    if (this.failCompletes > 0) {
      this.failCompletes--;
      throw new Error('database is locked');
    }
    const i = this.outbox.findIndex((a) => a.alertId === outcome.alertId);
    if (i >= 0) this.outbox.splice(i, 1);
    this.completed.push(outcome);
  }
}

class FakeSender implements MessageSender {
  readonly sent: string[] = [];
  async send(m: OutgoingMessage): Promise<SendOutcome> {
    this.sent.push(m.text);
    return { kind: 'sent', messageId: null };
  }
}

const silentLogger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined } as unknown as Logger;

async function waitFor(what: string, cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('DeliveryWorker', () => {
  let store: FakeStore;
  let sender: FakeSender;
  let worker: DeliveryWorker;

  beforeEach(() => {
    store = new FakeStore();
    sender = new FakeSender();
    const config = Object.assign(new AlertsConfig(), { per_chat_per_second: 30, global_per_second: 30, max_backoff_s: 1 });
    const bus = { publish: jest.fn().mockResolvedValue(undefined) } as unknown as EventBus;
    worker = new DeliveryWorker(config, store as unknown as AlertStore, sender, bus, silentLogger);
  });

  afterEach(async () => {
    await worker.stop();
  });

  /** Queues A (whose delivery hits the failure), then B after the problem shows; both must arrive and the problem clear. */
  async function expectRecovery(): Promise<void> {
    store.add('a', 'alert A');
    worker.wake([CHAT]);
    await waitFor('the problem to be reported', () => worker.problems().length > 0);
    expect(worker.problems()).toEqual([expect.objectContaining({ chatId: CHAT, failures: 1 })]);
    expect(worker.stats.problems).toEqual(worker.problems());

    store.add('b', 'alert B');
    worker.wake([CHAT]);
    await waitFor('A and B to be delivered', () => store.completed.length === 2);
    expect(store.completed.map((c) => [c.alertId, c.status])).toEqual([['a', 'sent'], ['b', 'sent']]);
    expect(sender.sent).toContain('alert B');
    expect(worker.problems()).toEqual([]);
    expect(worker.stats.problems).toEqual([]);

    store.add('c', 'alert C');
    worker.wake([CHAT]);
    await waitFor('C to be delivered', () => store.completed.length === 3);
  }

  it('should keep delivering after the first outbox read fails, reporting the problem until it works', async () => {
    store.failNextCalls.add(1);
    await expectRecovery();
  });

  it('should keep delivering after the second outbox read (after the rate-limit wait) fails', async () => {
    store.failNextCalls.add(2);
    await expectRecovery();
    expect(sender.sent.filter((t) => t === 'alert A')).toHaveLength(1);
  });

  it('should keep delivering after recording an outcome (settle) fails', async () => {
    store.failCompletes = 1;
    await expectRecovery();
  });

  it('should back off exponentially, capped, while a store keeps failing', async () => {
    for (let i = 1; i <= 3; i++) store.failNextCalls.add(i);
    store.add('a', 'alert A');
    worker.wake([CHAT]);
    await waitFor('the second failure', () => worker.problems()[0]?.failures === 2, 4000);
    // base 1 s, cap max_backoff_s = 1 s: the third try comes 0.5–1 s after the second, not at once
    const second = store.nextCalls;
    await new Promise((r) => setTimeout(r, 300));
    expect(store.nextCalls).toBe(second);
    await waitFor('A to be delivered', () => store.completed.length === 1, 4000);
    expect(worker.problems()).toEqual([]);
  });

  it('should keep delivering after the sender throws', async () => {
    const send = sender.send.bind(sender);
    let throws = 1;
    sender.send = async (m) => {
      if (throws-- > 0) throw new Error('socket hang up');
      return send(m);
    };
    await expectRecovery();
  });
});
