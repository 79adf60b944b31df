import { FieldProblem, flattenValidationErrors, formatProblem } from '@polytrader/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { applyEnvOverrides } from './env-overrides';
import { SECRET_ENV, SECRET_KEY_PATTERN, Secrets, readSecrets } from './secrets';
import { AppConfig, CONFIG_SECTIONS } from './sections';

export interface LoadedConfig {
  readonly config: AppConfig;
  readonly secrets: Secrets;
  /** absolute path of the file read, or null when running on defaults */
  readonly file: string | null;
}

export interface LoadConfigOptions {
  readonly path?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** A config that cannot be used. Lists every problem, by path and value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: readonly FieldProblem[],
  ) {
    super(`${file}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
  }
}

export const DEFAULT_CONFIG_PATH = 'config.yaml';

/** Reads config.yaml (or POLYTRADER_CONFIG), applies env overrides, validates everything at once. */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const explicit = options.path ?? env.POLYTRADER_CONFIG;
  const file = resolve(explicit ?? DEFAULT_CONFIG_PATH);
  let text = '';
  if (existsSync(file)) text = readFileSync(file, 'utf8');
  else if (explicit) throw new ConfigError(file, [{ path: '(file)', message: 'config file not found', value: explicit }]);
  return { ...validateConfigText(text, file, env), file: existsSync(file) ? file : null };
}

export function validateConfigText(text: string, file: string, env: NodeJS.ProcessEnv = {}): Omit<LoadedConfig, 'file'> {
  const problems: FieldProblem[] = [];
  const raw = parseYaml(text, problems);
  problems.push(...findSecretKeys(raw));
  const origins = applyEnvOverrides(raw, env);
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  problems.push(...flattenValidationErrors(errors).map((p) => explain(p, origins)));
  const secrets = readSecrets(env);
  if (problems.length) throw new ConfigError(file, dedupe(problems));
  return { config, secrets };
}

function parseYaml(text: string, problems: FieldProblem[]): Record<string, unknown> {
  const doc = parseDocument(text, { uniqueKeys: true });
  for (const e of doc.errors) {
    const [line, col] = e.linePos?.[0] ? [e.linePos[0].line, e.linePos[0].col] : [0, 0];
    problems.push({ path: `(yaml line ${line}:${col})`, message: e.message.split('\n')[0].replace(/:$/, ''), value: undefined });
  }
  if (doc.errors.length) return {};
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    problems.push({ path: '(root)', message: 'must be a mapping of sections', value });
    return {};
  }
  const raw = value as Record<string, unknown>;
  // An empty section (only comments under it) means "all defaults".
  for (const key of Object.keys(raw)) if (raw[key] === null) raw[key] = {};
  return raw;
}

function findSecretKeys(raw: Record<string, unknown>): FieldProblem[] {
  const found: FieldProblem[] = [];
  for (const [section, body] of Object.entries(raw)) {
    if (typeof body !== 'object' || body === null) continue;
    for (const key of Object.keys(body)) {
      if (SECRET_KEY_PATTERN.test(key)) {
        found.push({
          path: `${section}.${key}`,
          message: `secrets are read from environment variables only (${Object.values(SECRET_ENV).join(', ')})`,
          value: '[redacted]',
        });
        delete (body as Record<string, unknown>)[key];
      }
    }
  }
  return found;
}

function explain(p: FieldProblem, origins: Map<string, string>): FieldProblem {
  let { path, message } = p;
  if (/should not exist$/.test(message)) {
    const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    const known = knownKeys(parent);
    const guess = closest(path.slice(path.lastIndexOf('.') + 1), known);
    message = `unknown key${guess ? ` (did you mean ${guess}?)` : ''}`;
  } else if (/^nested property/.test(message)) {
    message = 'must be a mapping';
  }
  const envName = origins.get(path);
  if (envName) path = `${path} (from ${envName})`;
  return { path, message, value: p.value };
}

function knownKeys(parent: string): string[] {
  if (!parent) return CONFIG_SECTIONS as string[];
  const section = (new AppConfig() as unknown as Record<string, object | undefined>)[parent];
  return section ? Object.keys(section) : [];
}

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
