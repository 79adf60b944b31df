import { ServiceMetrics } from './service-metrics';

describe('ServiceMetrics', () => {
  let m: ServiceMetrics;
  beforeEach(() => (m = new ServiceMetrics('risk')));
  afterEach(() => m.close());

  it('should hold the default process metrics, without the gauges prom-client names *_total', async () => {
    const names = (await m.snapshot()).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds']));
    expect(names).not.toContain('nodejs_active_handles_total');
  });

  it('should create a family once by name, so every client of a process adds to the same one', () => {
    const a = m.counter('polytrader_x_total', 'x', ['api']);
    const b = m.counter('polytrader_x_total', 'x', ['api']);
    expect(b).toBe(a);
  });

  it('should snapshot histogram series with their names and labels, NaN-free', async () => {
    m.histogram('polytrader_y_seconds', 'y', ['stage'], [1, 5]).observe({ stage: 'collection' }, 2);
    const y = (await m.snapshot()).find((f) => f.name === 'polytrader_y_seconds')!;
    expect(y.type).toBe('histogram');
    expect(y.values).toEqual(expect.arrayContaining([
      { labels: { stage: 'collection', le: 1 }, value: 0, metricName: 'polytrader_y_seconds_bucket' },
      { labels: { stage: 'collection', le: '+Inf' }, value: 1, metricName: 'polytrader_y_seconds_bucket' },
      { labels: { stage: 'collection' }, value: 2, metricName: 'polytrader_y_seconds_sum' },
    ]));
  });

  it('should report the event-loop lag since the last read in ms', async () => {
    await new Promise((r) => setTimeout(r, 30)); // the monitor's timer runs once before the loop is blocked
    const until = Date.now() + 60;
    while (Date.now() < until) { /* block the loop */ }
    await new Promise((r) => setTimeout(r, 30));
    expect(m.takeEventLoopLagMs()).toBeGreaterThanOrEqual(40);
  });
});
