import type { MetricFamily } from '@polytrader/contracts';

/** One registry's families; `service` set: that label is put on (over) every sample. */
export interface MetricsSource {
  readonly service?: string;
  readonly families: readonly MetricFamily[];
}

/**
 * Prometheus text (format 0.0.4) of several registries as one scrape: a family's samples from every source
 * under one HELP/TYPE, each sample labelled with its source's service — unlike prom-client's
 * AggregatorRegistry, which sums cluster workers into one series. A source whose family has another type
 * than the first source's is left out of that family (two types under one name would fail the scrape).
 */
export function renderExposition(sources: readonly MetricsSource[]): string {
  const merged = new Map<string, { help: string; type: MetricFamily['type']; lines: string[] }>();
  for (const source of sources) {
    for (const family of source.families) {
      let entry = merged.get(family.name);
      if (!entry) merged.set(family.name, (entry = { help: family.help, type: family.type, lines: [] }));
      else if (entry.type !== family.type) continue;
      for (const sample of family.values) {
        const labels = source.service === undefined ? sample.labels : { service: source.service, ...withoutService(sample.labels) };
        entry.lines.push(`${sample.metricName ?? family.name}${labelText(labels)} ${valueText(sample.value)}`);
      }
    }
  }
  let out = '';
  for (const [name, { help, type, lines }] of merged) {
    out += `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}\n`;
    for (const line of lines) out += `${line}\n`;
  }
  return out;
}

function withoutService(labels: Record<string, string | number>): Record<string, string | number> {
  const { service: _service, ...rest } = labels;
  return rest;
}

function labelText(labels: Record<string, string | number>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

/** JSON carries NaN and ±Inf as null: a null value is NaN (a gauge not measured yet). */
function valueText(v: number | null): string {
  if (v === null || Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
