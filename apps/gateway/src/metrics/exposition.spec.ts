import { ServiceMetrics } from '@polytrader/platform';
import { promtoolCheckMetrics } from '@polytrader/platform/testing';
import { renderExposition } from './exposition';

describe('renderExposition()', () => {
  const registries: ServiceMetrics[] = [];
  afterEach(() => registries.splice(0).forEach((m) => m.close()));
  const registry = (service: string) => {
    const m = new ServiceMetrics(service);
    registries.push(m);
    return m;
  };

  it('should put every source\'s samples under one HELP/TYPE, each labelled with its service (not summed)', async () => {
    const risk = registry('risk');
    const signals = registry('signals');
    risk.counter('polytrader_x_total', 'x', ['kind']).inc({ kind: 'a' }, 2);
    signals.counter('polytrader_x_total', 'x', ['kind']).inc({ kind: 'a' }, 3);
    const text = renderExposition([{ service: 'risk', families: await risk.snapshot() }, { service: 'signals', families: await signals.snapshot() }]);
    expect(text.match(/^# TYPE polytrader_x_total counter$/gm)).toHaveLength(1);
    expect(text).toContain('polytrader_x_total{service="risk",kind="a"} 2\npolytrader_x_total{service="signals",kind="a"} 3\n');
    expect(text).toMatch(/^process_resident_memory_bytes\{service="risk"\} \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes\{service="signals"\} \d+$/m);
    expect(promtoolCheckMetrics(text)).toEqual({ status: 0, out: '' });
  });

  it('should override a service label a report carries, keep a labelled source as it is, and escape', () => {
    const text = renderExposition([
      { service: 'hype', families: [{ name: 'g', help: 'a "b"\\\nc', type: 'gauge', values: [{ labels: { service: 'forged', q: 'x"y\\z\n' }, value: null }] }] },
      { families: [{ name: 'g', help: 'ignored', type: 'gauge', values: [{ labels: { service: 'collector' }, value: Infinity }] }] },
      { service: 'risk', families: [{ name: 'g', help: 'other type', type: 'counter', values: [{ labels: {}, value: 1 }] }] },
    ]);
    expect(text).toBe('# HELP g a "b"\\\\\\nc\n# TYPE g gauge\ng{service="hype",q="x\\"y\\\\z\\n"} NaN\ng{service="collector"} +Inf\n');
  });

  it('should render histogram series by their names, buckets with le', async () => {
    const m = registry('collector');
    m.histogram('polytrader_cycle_duration_seconds', 'c', ['stage', 'outcome'], [1, 10]).observe({ stage: 'collection', outcome: 'completed' }, 2);
    const text = renderExposition([{ service: 'collector', families: await m.snapshot() }]);
    expect(text).toContain('polytrader_cycle_duration_seconds_bucket{service="collector",le="10",stage="collection",outcome="completed"} 1');
    expect(text).toContain('polytrader_cycle_duration_seconds_count{service="collector",stage="collection",outcome="completed"} 1');
    expect(promtoolCheckMetrics(text)).toEqual({ status: 0, out: '' });
  });
});
