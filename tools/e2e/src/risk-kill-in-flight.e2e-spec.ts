import { Module } from '@nestjs/common';
import { SignalGeneratedEvent, Subjects } from '@polytrader/contracts';
import type { ExecutionVenue, VenueFill, VenueOrder } from '@polytrader/decision';
import { PortfolioStore, RiskJournalStore, createDataSource } from '@polytrader/persistence';
import type { ServiceRuntime } from '@polytrader/platform';
import { NatsServerHandle, startNatsServer, waitFor } from '@polytrader/platform/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXECUTION_VENUE, VenueFactory } from '../../../apps/risk/src/execution/venue-factory';
import { RiskDatabase } from '../../../apps/risk/src/risk.database';
import { RiskService } from '../../../apps/risk/src/risk.service';
import { makeSignal, seedMarkets } from './risk-fixtures';
import { InProcessRisk, RiskBusEvent, startRiskInProcess } from './risk-in-process';

jest.setTimeout(60_000);

/** A venue that answers when the test says so: fills every share at 0.50, no fees. */
class SlowVenue implements ExecutionVenue {
  readonly mode = 'paper' as const;
  readonly calls: { order: VenueOrder; release: () => void }[] = [];
  /** orders of these signals wait for release(); others fill at once */
  readonly hold = new Set<string>();

  async execute(order: VenueOrder): Promise<VenueFill> {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    this.calls.push({ order, release });
    if (this.hold.has(order.orderId)) await gate;
    return { shares: order.shares, notional: order.shares * 0.5, avgPrice: 0.5, fees: 0, fills: [[0.5, order.shares]] };
  }

  async cancelAll(): Promise<number> {
    return 0;
  }
}

describe('risk: a kill while a decision is in flight (real NATS, real kill switch, real SQLite)', () => {
  let nats: NatsServerHandle;
  let dir: string;
  let dbFile: string;
  let risk: InProcessRisk | null = null;
  let runtime: ServiceRuntime | null = null;
  let venue: SlowVenue;
  const events: RiskBusEvent[] = [];

  beforeEach(async () => {
    nats = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'risk-kill-'));
    dbFile = join(dir, 'risk.sqlite');
    events.length = 0;
    venue = new SlowVenue();
    await seedMarkets(dbFile, 3, { bids: [[0.49, 1000]], asks: [[0.5, 1000]] });
    const factory: VenueFactory = () => venue;
    @Module({ providers: [RiskDatabase, RiskService, { provide: EXECUTION_VENUE, useValue: factory }] })
    class SlowVenueRiskModule {}
    risk = await startRiskInProcess({ natsUrl: nats.url, dbFile, module: SlowVenueRiskModule, events });
    runtime = risk.runtime;
  });

  afterEach(async () => {
    await risk?.stop();
    risk = null;
    runtime = null;
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const publishSignal = (s: SignalGeneratedEvent) => risk!.publishSignal(s);
  const decisionOf = (signalId: string) => risk!.decisionOf(signalId);
  const waitDecision = (signalId: string) => waitFor(() => decisionOf(signalId), { what: `decision on ${signalId}` });
  const waitVenueCall = (orderId: string) => waitFor(() => venue.calls.find((c) => c.order.orderId === orderId), { what: `venue call for ${orderId}` });

  /**
   * Waits until JetStream has handed `n` signals to risk's consumer and risk's connection has read them: what
   * arrived while a batch was in flight forms the next batch, so a and b are then decided together however
   * slow the machine is (without this, a loaded box split them and `a` was committed before the kill).
   */
  async function deliveredToRisk(n: number): Promise<void> {
    const jsm = await runtime!.nc.jetstreamManager();
    await waitFor(async () => {
      for await (const c of jsm.consumers.list('SIGNAL')) if (c.num_ack_pending >= n) return true;
      return false;
    }, { what: `${n} signals delivered to risk` });
    await runtime!.nc.flush(); // the service's own connection: every message sent before the PONG has been read
  }

  async function kill(reason: string): Promise<void> {
    runtime!.nc.publish(Subjects.SystemKill, Buffer.from(JSON.stringify({ reason, source: 'test', ts: new Date().toISOString() })));
    await waitFor(() => runtime!.killSwitch.isHalted(), { what: 'risk halted' });
  }

  /** What the database holds: the orders of these signals and the open positions. */
  async function stored(signalIds: string[]) {
    const ds = await createDataSource({ url: dbFile });
    try {
      const journal = new RiskJournalStore(ds);
      const orders: Record<string, Awaited<ReturnType<RiskJournalStore['ordersForSignal']>>> = {};
      for (const id of signalIds) orders[id] = await journal.ordersForSignal(id);
      return { orders, positions: await new PortfolioStore(ds, 1000).openPositions() };
    } finally {
      await ds.destroy();
    }
  }

  it('should reject a signal whose venue call is pending when the kill arrives: no fill, no position, no trade.opened', async () => {
    venue.hold.add('slow-1');
    await publishSignal(makeSignal('slow-1', 'm0', 'BUY', 40));
    const call = await waitVenueCall('slow-1');
    await kill('owner pressed stop mid-order');
    call.release();
    await waitDecision('slow-1');

    expect(decisionOf('slow-1')).toMatchObject({ subject: Subjects.RiskRejected, body: { tradingState: 'HALTED', size: 0 } });
    expect(decisionOf('slow-1')!.body.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^halted: .*owner pressed stop mid-order.*nothing was filled/)]));
    expect(events.filter((e) => e.subject.startsWith('trade.'))).toEqual([]);
    const db = await stored(['slow-1']);
    expect(db.orders['slow-1'].filter((o) => o.filledSize > 0)).toEqual([]);
    expect(db.positions).toEqual([]);
    expect(runtime!.killSwitch.isHalted()).toBe(true);
  });

  it('should not commit an order of the batch filled before the kill: the whole batch is decided again, halted', async () => {
    // w blocks the consumer while a and b are queued, so that a and b are decided in one batch
    venue.hold.add('w');
    venue.hold.add('b');
    await publishSignal(makeSignal('w', 'm0', 'BUY', 40));
    const w = await waitVenueCall('w');
    await publishSignal(makeSignal('a', 'm1', 'BUY', 40));
    await publishSignal(makeSignal('b', 'm2', 'BUY', 40));
    await deliveredToRisk(3);
    w.release();
    await waitDecision('w');
    const b = await waitVenueCall('b');
    // a was filled by the venue and approved in this batch; the kill comes while b's call is pending
    expect(venue.calls.map((c) => c.order.orderId)).toEqual(['w', 'a', 'b']);
    await kill('kill between two orders of one batch');
    b.release();
    await waitDecision('b');
    await waitDecision('a');

    expect(decisionOf('w')?.subject).toBe(Subjects.RiskApproved);
    for (const id of ['a', 'b']) {
      expect(decisionOf(id)).toMatchObject({ subject: Subjects.RiskRejected, body: { tradingState: 'HALTED' } });
      expect(decisionOf(id)!.body.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^halted: .*kill between two orders of one batch/)]));
    }
    expect(events.filter((e) => e.subject === Subjects.TradeOpened).map((e) => e.body.signalId)).toEqual(['w']);
    const db = await stored(['a', 'b']);
    expect(db.orders).toEqual({ a: [], b: [] });
    expect(db.positions.map((p) => p.marketId)).toEqual(['m0']);
  });
});
