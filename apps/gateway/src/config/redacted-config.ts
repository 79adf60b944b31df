import { redactUrl } from '@polytrader/persistence';
import { SecretScrubber } from '@polytrader/platform';

/**
 * The config as the API serves it: every secret value scrubbed wherever it appears, the password of
 * any URL (storage.url, bus.url, an API root) masked. Secrets never live in config.yaml (it refuses
 * them), but a URL may carry credentials and a value may repeat an env secret.
 */
export function redactedConfig(config: object, secrets: readonly (string | undefined)[]): unknown {
  const scrubber = new SecretScrubber(secrets);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return scrubber.text(redactUrl(value));
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(config);
}
