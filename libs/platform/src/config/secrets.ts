/** Secrets come from the environment only: never from config.yaml, never logged, never served. */
export interface Secrets {
  readonly telegramBotToken?: string;
  readonly xBearerToken?: string;
  readonly gatewayToken?: string;
  readonly polymarketPrivateKey?: string;
}

export const SECRET_ENV = {
  telegramBotToken: 'TELEGRAM_BOT_TOKEN',
  xBearerToken: 'X_BEARER_TOKEN',
  gatewayToken: 'GATEWAY_TOKEN',
  polymarketPrivateKey: 'POLYMARKET_PRIVATE_KEY',
} as const satisfies Record<keyof Secrets, string>;

/** Keys that look like secrets; found in config.yaml they are refused with a pointer to the env var. */
export const SECRET_KEY_PATTERN = /(token|secret|password|private_key|api_key|bearer)/i;

export function readSecrets(env: NodeJS.ProcessEnv): Secrets {
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(SECRET_ENV)) {
    const value = env[name]?.trim();
    if (value) out[key] = value;
  }
  return out as Secrets;
}

/** Every secret value currently set, for redaction of free text. */
export function secretValues(secrets: Secrets): string[] {
  return Object.values(secrets).filter((v): v is string => typeof v === 'string' && v.length >= 4);
}
