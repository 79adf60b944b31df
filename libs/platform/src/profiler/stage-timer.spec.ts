import pino from 'pino';
import { ServiceMetrics } from '../metrics/service-metrics';
import { StageTimer, StageTimingRow, StageTimingSink, TOTAL_STAGE, stageOutcomeOf } from './stage-timer';
import { StageTimingBuffer } from './stage-timing-buffer';

/** A clock the test moves by hand, so durations are exact. */
function manualClock(startMs = Date.parse('2026-12-07T10:00:00.000Z')) {
  let t = startMs;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

class MemorySink implements StageTimingSink {
  readonly calls: StageTimingRow[][] = [];
  failNext = 0;
  async saveStageTimings(rows: readonly StageTimingRow[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database is locked');
    }
    this.calls.push([...rows]);
  }
}

const silent = pino({ level: 'silent' });

describe('StageTimer', () => {
  let metrics: ServiceMetrics;
  beforeEach(() => (metrics = new ServiceMetrics('collector')));
  afterEach(() => metrics.close());

  it('should keep one row per stage with its duration and outcome, adding up a stage timed twice, plus the total', async () => {
    const clock = manualClock();
    const timer = new StageTimer({ service: 'collector', cycle: 'collection', now: clock.now });
    await timer.time('fetch.gamma', async () => clock.advance(120));
    expect(timer.timeSync('parse', () => { clock.advance(30); return 7; })).toBe(7);
    await timer.time('fetch.clob', async () => clock.advance(200));
    await timer.time('fetch.clob', async () => clock.advance(50));
    await expect(timer.time('persist', async () => { clock.advance(10); throw new Error('disk full'); })).rejects.toThrow('disk full');
    clock.advance(5);

    const rows = timer.rows();
    const base = { service: 'collector', cycle: 'collection', cycleId: '2026-12-07T10:00:00.000Z', startedAt: '2026-12-07T10:00:00.000Z' };
    expect(rows).toEqual([
      { ...base, stage: 'fetch.gamma', durationMs: 120, outcome: 'ok' },
      { ...base, stage: 'parse', durationMs: 30, outcome: 'ok' },
      { ...base, stage: 'fetch.clob', durationMs: 250, outcome: 'ok' },
      { ...base, stage: 'persist', durationMs: 10, outcome: 'failed' },
      { ...base, stage: TOTAL_STAGE, durationMs: 415, outcome: 'ok' },
    ]);
  });

  it('should observe each stage once per cycle in polytrader_cycle_duration_seconds under <cycle>.<stage>, at the end', async () => {
    const clock = manualClock();
    const timer = new StageTimer({ service: 'hype', cycle: 'hype', cycleId: 'c1', metrics, now: clock.now });
    await timer.time('x', async () => clock.advance(1500));
    await timer.time('x', async () => clock.advance(500));
    await expect(timer.time('news', () => { throw new Error('feed down'); })).rejects.toThrow('feed down');
    const observed = async () => (await metrics.snapshot()).find((f) => f.name === 'polytrader_cycle_duration_seconds')?.values.length ?? 0;
    expect(await observed()).toBe(0); // nothing before the cycle ends: one observation per stage and cycle
    timer.finish();
    timer.finish();
    const family = (await metrics.snapshot()).find((f) => f.name === 'polytrader_cycle_duration_seconds')!;
    const sum = (stage: string, outcome: string) => family.values.find((v) => v.metricName === 'polytrader_cycle_duration_seconds_sum' && v.labels.stage === stage && v.labels.outcome === outcome)?.value;
    const count = (stage: string, outcome: string) => family.values.find((v) => v.metricName === 'polytrader_cycle_duration_seconds_count' && v.labels.stage === stage && v.labels.outcome === outcome)?.value;
    expect(sum('hype.x', 'ok')).toBeCloseTo(2, 9);
    expect(count('hype.x', 'ok')).toBe(1);
    expect(count('hype.news', 'failed')).toBe(1);
  });

  it('should measure sub-millisecond stages on the monotonic clock, so many of them add up', async () => {
    const timer = new StageTimer({ service: 'hype', cycle: 'hype' });
    let x = 0;
    for (let i = 0; i < 200; i++) timer.timeSync('sentiment', () => { for (let j = 0; j < 20_000; j++) x += Math.sqrt(j); });
    expect(x).toBeGreaterThan(0);
    const [sentiment, total] = timer.rows();
    expect(sentiment.durationMs).toBeGreaterThan(0);
    expect(sentiment.durationMs).not.toBe(Math.round(sentiment.durationMs)); // not whole Date.now milliseconds
    expect(total.durationMs).toBeGreaterThanOrEqual(sentiment.durationMs);
    expect(Date.parse(total.startedAt)).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('should refuse "total" as a stage name: it is the whole cycle', () => {
    const timer = new StageTimer({ service: 's', cycle: 'c' });
    expect(() => timer.record(TOTAL_STAGE, 1)).toThrow('stage name "total" is the cycle\'s own');
  });

  it('should write a cycle in one call, with the given total, and log (not throw) a failed write', async () => {
    const clock = manualClock();
    const sink = new MemorySink();
    const timer = new StageTimer({ service: 'analyzer', cycle: 'analysis', cycleId: 'run-1', now: clock.now });
    await timer.time('granger', async () => clock.advance(900));
    await timer.flush(sink, silent, 'failed', 1000);
    expect(sink.calls).toHaveLength(1);
    expect(sink.calls[0].map((r) => [r.stage, r.durationMs, r.outcome])).toEqual([['granger', 900, 'ok'], [TOTAL_STAGE, 1000, 'failed']]);
    sink.failNext = 1;
    await expect(timer.flush(sink, silent)).resolves.toBeUndefined();
    expect(sink.calls).toHaveLength(1);
  });

  it('should map cycle outcomes: completed and partial are ok, aborted and failed are failed', () => {
    expect(['completed', 'partial', 'aborted', 'failed', undefined].map(stageOutcomeOf)).toEqual(['ok', 'ok', 'failed', 'failed', 'ok']);
  });
});

describe('StageTimingBuffer', () => {
  const row = (cycleId: string): StageTimingRow => ({ service: 'risk', cycle: 'risk', cycleId, startedAt: '2026-12-07T10:00:00.000Z', stage: 'decision', durationMs: 1, outcome: 'ok' });

  it('should write everything buffered in one call per flush, keep the rows of a failed write for the next, and flush on stop', async () => {
    const sink = new MemorySink();
    const buffer = new StageTimingBuffer(sink, 3_600_000, silent);
    buffer.start();
    buffer.add([row('a'), row('b')]);
    buffer.add([row('c')]);
    await buffer.flush();
    expect(sink.calls.map((c) => c.map((r) => r.cycleId))).toEqual([['a', 'b', 'c']]);
    await buffer.flush();
    expect(sink.calls).toHaveLength(1); // nothing buffered: no write

    sink.failNext = 1;
    buffer.add([row('d')]);
    await buffer.flush();
    expect(buffer.pending).toBe(1);
    buffer.add([row('e')]);
    await buffer.stop();
    expect(sink.calls.map((c) => c.map((r) => r.cycleId).sort())).toEqual([['a', 'b', 'c'], ['d', 'e']]);
    expect(buffer.pending).toBe(0);
  });
});
