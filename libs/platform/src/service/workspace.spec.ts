import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RISK_NODE_FLAGS, SERVICE_NODE_FLAGS, serviceNodeFlags, workspaceRoot } from './workspace';

/** The container runs the services with the flags the orchestrator and the tests use: one source, checked. */
describe('service node flags', () => {
  it('should give risk its own young generation and every other service the common flags', () => {
    expect(serviceNodeFlags('risk')).toEqual(RISK_NODE_FLAGS);
    for (const name of ['collector', 'hype', 'analyzer', 'signals', 'notifier', 'gateway']) expect(serviceNodeFlags(name)).toEqual(SERVICE_NODE_FLAGS);
  });

  it('should be what the Dockerfile and docker-compose.yml pass to node', () => {
    const dockerfile = readFileSync(join(workspaceRoot(), 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`NODE_OPTIONS=${SERVICE_NODE_FLAGS.join(' ')}`);
    const compose = parse(readFileSync(join(workspaceRoot(), 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { command?: string[] }>;
    };
    const flagsOf = (service: string) => (compose.services[service].command ?? []).filter((a) => a.startsWith('--'));
    expect(flagsOf('risk')).toEqual(RISK_NODE_FLAGS);
    for (const name of ['collector', 'hype', 'analyzer', 'signals', 'notifier', 'gateway']) expect(flagsOf(name)).toEqual([]);
  });
});
