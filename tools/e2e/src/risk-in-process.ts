import { INestMicroservice, Type } from '@nestjs/common';
import { SignalGeneratedEvent, Subjects, parse } from '@polytrader/contracts';
import { ServiceRuntime, closeService, createServiceApp } from '@polytrader/platform';
import { createTestRuntime } from '@polytrader/platform/testing';

/** An event risk published, as the test saw it on the bus. */
export interface RiskBusEvent {
  subject: string;
  body: Record<string, unknown>;
}

export interface InProcessRisk {
  readonly runtime: ServiceRuntime;
  readonly app: INestMicroservice;
  /** every risk.> and trade.> event, each checked against its contract on arrival */
  readonly events: RiskBusEvent[];
  publishSignal(s: SignalGeneratedEvent): Promise<unknown>;
  /** the risk.approved / risk.rejected of a signal, once published */
  decisionOf(signalId: string): RiskBusEvent | undefined;
  stop(): Promise<void>;
}

/**
 * The risk service in this process (a real Nest app on a real bus and SQLite file) with the portfolio
 * and limits the in-process risk e2e specs share; `execution` adds to the execution section.
 */
export async function startRiskInProcess(options: {
  natsUrl: string;
  dbFile: string;
  module: Type<unknown>;
  execution?: Record<string, unknown>;
  /** where the events go (a spec that restarts risk keeps one list across runs); default a new list */
  events?: RiskBusEvent[];
}): Promise<InProcessRisk> {
  const runtime = await createTestRuntime({
    name: 'risk', natsUrl: options.natsUrl,
    config: {
      storage: { url: options.dbFile }, bus: { ack_wait_s: 1 },
      portfolio: { initial_equity: 1000, max_position_pct: 10, max_total_exposure_pct: 90 },
      risk: { max_open_positions: 10, min_liquidity: 1000, min_book_depth: 50 },
      execution: { fee_bps: 0, max_slippage_pct: 5, ...options.execution },
    },
  });
  const events = options.events ?? [];
  for (const subject of ['risk.>', 'trade.>']) {
    runtime.nc.subscribe(subject, {
      callback: (_e, m) => {
        expect(parse(m.subject, m.data)).toMatchObject({ ok: true });
        events.push({ subject: m.subject, body: JSON.parse(Buffer.from(m.data).toString()) });
      },
    });
  }
  const app = (await createServiceApp({ name: 'risk', module: options.module }, runtime)) as INestMicroservice;
  return {
    runtime, app, events,
    publishSignal: (s) => runtime.nc.jetstream().publish(Subjects.SignalGenerated, Buffer.from(JSON.stringify(s)), { msgID: s.id }),
    decisionOf: (signalId) => events.find((e) => (e.subject === Subjects.RiskApproved || e.subject === Subjects.RiskRejected) && e.body.signalId === signalId),
    stop: () => closeService(app, runtime),
  };
}
