/** Deployment overrides: environment variable → config path. Documented in the README. */
export const ENV_OVERRIDES: ReadonlyArray<{ env: string; path: readonly [string, string]; numeric?: boolean; list?: boolean }> = [
  { env: 'NATS_URL', path: ['bus', 'url'] },
  { env: 'DATABASE_URL', path: ['storage', 'url'] },
  { env: 'GATEWAY_PORT', path: ['gateway', 'port'], numeric: true },
  { env: 'GAMMA_API_URL', path: ['data_collection', 'gamma_api_url'] },
  { env: 'CLOB_API_URL', path: ['data_collection', 'clob_api_url'] },
  { env: 'X_API_URL', path: ['hype', 'x_api_url'] },
  // comma-separated; replaces the file's list (the demo points it at the simulator's feed)
  { env: 'HYPE_RSS_FEEDS', path: ['hype', 'rss_feeds'], list: true },
  { env: 'TELEGRAM_API_ROOT', path: ['alerts', 'telegram_api_root'] },
  { env: 'TELEGRAM_CHAT_IDS', path: ['alerts', 'chat_ids'], list: true, numeric: true },
  { env: 'TELEGRAM_ADMIN_CHAT_IDS', path: ['alerts', 'admin_chat_ids'], list: true, numeric: true },
  { env: 'TELEGRAM_ADMIN_USER_IDS', path: ['alerts', 'admin_user_ids'], list: true, numeric: true },
  { env: 'LOG_LEVEL', path: ['logging', 'level'] },
  { env: 'LOG_DIR', path: ['logging', 'dir'] },
];

/**
 * Applies set environment variables onto the raw config object.
 * Returns a map from config path to the variable that set it, so errors can name the variable.
 */
export function applyEnvOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Map<string, string> {
  const origins = new Map<string, string>();
  for (const { env: name, path, numeric, list } of ENV_OVERRIDES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const [section, key] = path;
    const target = (raw[section] ??= {}) as Record<string, unknown>;
    if (typeof target !== 'object' || target === null) continue;
    const read = (v: string) => (numeric && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v);
    target[key] = list ? value.split(',').map((v) => v.trim()).filter((v) => v !== '').map(read) : read(value);
    origins.set(`${section}.${key}`, name);
  }
  return origins;
}
