import { workspaceRoot } from '@polytrader/platform';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SCRAPED_FAMILIES } from './metric-families';

const root = workspaceRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface ComposeService {
  profiles?: string[];
  volumes?: string[];
  secrets?: string[];
  ports?: string[];
}

/** The compose `monitoring` profile, its Prometheus scrape config and the provisioned Grafana dashboard. */
describe('monitoring profile (docker-compose.yml, deploy/)', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService>; secrets: Record<string, { environment?: string }> };

  it('should add prometheus and grafana only under the monitoring profile, on loopback, with the config files of the repo', () => {
    const { prometheus, grafana } = compose.services;
    expect(prometheus.profiles).toEqual(['monitoring']);
    expect(grafana.profiles).toEqual(['monitoring']);
    expect(prometheus.volumes).toContain('./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    expect(grafana.volumes).toEqual(expect.arrayContaining(['./deploy/grafana/provisioning:/etc/grafana/provisioning:ro', './deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro']));
    for (const s of [prometheus, grafana]) for (const port of s.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    // the services of `docker compose up` stay as they were: no profile
    for (const name of ['nats', 'collector', 'hype', 'analyzer', 'signals', 'risk', 'notifier', 'gateway']) expect(compose.services[name].profiles).toBeUndefined();
  });

  it('should scrape the gateway with GATEWAY_TOKEN from a secret file, and pass promtool check config', () => {
    expect(compose.secrets.gateway_token).toEqual({ environment: 'GATEWAY_TOKEN' });
    expect(compose.services.prometheus.secrets).toEqual(['gateway_token']);
    const text = read('deploy/prometheus/prometheus.yml');
    const config = parse(text) as { scrape_configs: { metrics_path: string; authorization: { type: string; credentials_file: string }; static_configs: { targets: string[] }[] }[] };
    const [job] = config.scrape_configs;
    expect(job).toMatchObject({ metrics_path: '/metrics', authorization: { type: 'Bearer', credentials_file: '/run/secrets/gateway_token' } });
    expect(job.static_configs[0].targets).toEqual(['gateway:8080']);
    // promtool stats the credentials file: check a copy whose secret path names a temp file
    const dir = mkdtempSync(join(tmpdir(), 'promtool-config-'));
    try {
      writeFileSync(join(dir, 'token'), 'test-token');
      writeFileSync(join(dir, 'prometheus.yml'), text.replace('/run/secrets/gateway_token', join(dir, 'token')));
      const check = spawnSync('promtool', ['check', 'config', join(dir, 'prometheus.yml')], { encoding: 'utf8' });
      expect({ status: check.status, out: `${check.stdout}${check.stderr}` }).toEqual({ status: 0, out: expect.stringContaining('SUCCESS') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should provision the Prometheus data source the dashboard names', () => {
    const ds = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { uid: string; url: string; type: string }[] };
    expect(ds.datasources).toEqual([expect.objectContaining({ uid: 'polytrader-prometheus', type: 'prometheus', url: 'http://prometheus:9090' })]);
    const providers = parse(read('deploy/grafana/provisioning/dashboards/polytrader.yml')) as { providers: { options: { path: string } }[] };
    expect(providers.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/polytrader.json')) as { panels: { type: string; datasource?: { uid: string } }[] };
    for (const p of dashboard.panels.filter((x) => x.type !== 'row')) expect(p.datasource?.uid).toBe('polytrader-prometheus');
  });

  it('should use in the dashboard only metric names the scrape test saw, and each family listed there', () => {
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/polytrader.json')) as { panels: { targets?: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    const used = new Set(exprs.flatMap((e) => [...e.matchAll(/\b((?:polytrader|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1])));
    const known = new Set(Object.keys(SCRAPED_FAMILIES));
    const family = (name: string) => (known.has(name) ? name : name.replace(/_(bucket|sum|count)$/, ''));
    expect([...used].filter((n) => !known.has(family(n)))).toEqual([]);
    // every family of the scrape has a panel (uptime aside: a restart shows in the status panel)
    const shown = new Set([...used].map(family));
    expect([...known].filter((f) => !shown.has(f) && f !== 'polytrader_service_uptime_seconds')).toEqual([]);
  });
});
