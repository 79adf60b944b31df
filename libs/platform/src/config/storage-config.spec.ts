import { ConfigError, validateConfigText } from './load-config';

function problemsOf(text: string): string[] {
  try {
    validateConfigText(text, 'test.yaml', {});
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message.split('\n').slice(1).map((l) => l.trim().replace(/^- /, ''));
  }
}

describe('storage retention config', () => {
  it('should default every retention (documented in config.yaml and docs/architecture.md)', () => {
    expect(validateConfigText('', 'x', {}).config.storage).toMatchObject({
      snapshot_retention_days: 90, price_history_hourly_after_days: 30, price_history_retention_days: 365, alert_retention_days: 90,
      rejection_retention_days: 30, signal_retention_days: 180, risk_decision_retention_days: 180, analysis_retention_days: 90,
      retention_batch_size: 2000,
    });
  });

  it('should accept 0 (keep forever) for every new retention', () => {
    const keys = ['price_history_hourly_after_days', 'price_history_retention_days', 'alert_retention_days', 'rejection_retention_days',
      'signal_retention_days', 'risk_decision_retention_days', 'analysis_retention_days'];
    expect(problemsOf(`storage:\n${keys.map((k) => `  ${k}: 0`).join('\n')}\n`)).toEqual([]);
  });

  it('should name the field and the value of a bad retention', () => {
    expect(problemsOf('storage:\n  signal_retention_days: -1\n  alert_retention_days: 1.5\n  retention_batch_size: 10\n  analysis_retention_days: lots\n')).toEqual([
      'storage.alert_retention_days: must be an integer number, got 1.5',
      'storage.signal_retention_days: must not be less than 0, got -1',
      expect.stringMatching(/^storage.analysis_retention_days: .*must be an integer number, got "lots"$/),
      'storage.retention_batch_size: must not be less than 100, got 10',
    ]);
  });

  it('should refuse thinning price history at or after the age it is deleted at', () => {
    expect(problemsOf('storage:\n  price_history_hourly_after_days: 400\n')).toEqual([
      'storage.price_history_hourly_after_days: must be less than price_history_retention_days (365) unless either is 0, got 400',
    ]);
    expect(problemsOf('storage:\n  price_history_hourly_after_days: 400\n  price_history_retention_days: 0\n')).toEqual([]);
  });
});
