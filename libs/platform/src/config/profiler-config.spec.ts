import { ConfigError, validateConfigText } from './load-config';
import { DEFAULT_STAGE_BUDGETS_MS } from './sections';

function problemsOf(text: string): string[] {
  try {
    validateConfigText(text, 'test.yaml', {});
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message.split('\n').slice(1).map((l) => l.trim().replace(/^- /, ''));
  }
}

describe('profiler config', () => {
  it('should default the stage budgets and the stage timing retention', () => {
    const { config } = validateConfigText('', 'x', {});
    expect(config.profiler.budgets_ms).toEqual(DEFAULT_STAGE_BUDGETS_MS);
    expect(config.profiler.budgets_ms['collection.fetch.gamma']).toBe(20_000);
    expect(config.storage.stage_timing_retention_days).toBe(30);
  });

  it('should take budgets keyed <cycle>.<stage> in place of the defaults', () => {
    const { config } = validateConfigText('profiler:\n  budgets_ms:\n    collection.total: 5000\n    risk.decision: 20\n', 'x', {});
    expect(config.profiler.budgets_ms).toEqual({ 'collection.total': 5000, 'risk.decision': 20 });
  });

  it('should name the field of a bad budget value or key', () => {
    expect(problemsOf('profiler:\n  budgets_ms:\n    collection.total: -5\n')).toEqual([
      expect.stringMatching(/^profiler\.budgets_ms: must map names to numbers in \[1, 86400000\] \(collection\.total is out of range\)/),
    ]);
    expect(problemsOf('profiler:\n  budgets_ms:\n    fetch: 100\n')).toEqual([
      expect.stringMatching(/^profiler\.budgets_ms: must be keyed by <cycle>\.<stage> such as collection\.fetch\.gamma \(got "fetch"\)/),
    ]);
    expect(problemsOf('storage:\n  stage_timing_retention_days: -1\n')).toEqual(['storage.stage_timing_retention_days: must not be less than 0, got -1']);
  });
});
