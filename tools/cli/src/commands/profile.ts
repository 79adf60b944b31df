import { PROFILE_SECONDS_MAX, PROFILE_SECONDS_MIN, ProfileAnswer, SERVICE_NAMES, isServiceName, profileSubject } from '@polytrader/contracts';
import { StageTimingRecord, StageTimingStore, createDataSource } from '@polytrader/persistence';
import { TOTAL_STAGE, profileSecondsOf } from '@polytrader/platform';
import { quantile } from '@polytrader/quant';
import { describeDbUrl, resolveRunAndSay } from './resolve-run';

/** Cycles read per cycle name when --last is not given. */
export const DEFAULT_LAST_CYCLES = 20;
/** A profile's answer comes `seconds` after the request, plus the file write and the trip: this much extra wait. */
export const PROFILE_ANSWER_MARGIN_MS = 15_000;

export interface StageStats {
  readonly stage: string;
  /** cycles in which the stage ran */
  readonly n: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** the stage's time over the cycles' total time (the `total` rows of the same cycles); the total's own share is 1 */
  readonly share: number | null;
  readonly failed: number;
  readonly budgetMs: number | null;
  /** p95 over the budget */
  readonly overBudget: boolean;
}

export interface CycleProfile {
  readonly cycle: string;
  readonly services: string[];
  /** cycles read (rows of stage `total`) */
  readonly cycles: number;
  readonly from: string;
  readonly to: string;
  readonly stages: StageStats[];
}

export interface ProfileReport {
  readonly database: string;
  readonly lastCycles: number;
  readonly cycles: CycleProfile[];
  /** `<cycle>.<stage>` whose p95 is over its budget (profiler.budgets_ms) */
  readonly overBudget: string[];
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Figures per cycle name and stage from stored rows; `budgets` keyed `<cycle>.<stage>`. Stages by total time, largest first; `total` last. */
export function profileReport(rows: readonly StageTimingRecord[], budgets: Readonly<Record<string, number>>, database: string, lastCycles: number): ProfileReport {
  const byCycle = new Map<string, StageTimingRecord[]>();
  for (const r of rows) byCycle.set(r.cycle, [...(byCycle.get(r.cycle) ?? []), r]);
  const cycles: CycleProfile[] = [];
  for (const [cycle, list] of [...byCycle].sort(([a], [b]) => a.localeCompare(b))) {
    const totals = list.filter((r) => r.stage === TOTAL_STAGE);
    const totalMs = totals.reduce((s, r) => s + r.durationMs, 0);
    const byStage = new Map<string, StageTimingRecord[]>();
    for (const r of list) byStage.set(r.stage, [...(byStage.get(r.stage) ?? []), r]);
    const stages = [...byStage].map(([stage, rs]): StageStats & { sum: number } => {
      const ms = rs.map((r) => r.durationMs);
      const sum = ms.reduce((s, x) => s + x, 0);
      const p95 = quantile(ms, 0.95);
      const budget = budgets[`${cycle}.${stage}`];
      return {
        stage, n: rs.length, p50Ms: round(quantile(ms, 0.5)), p95Ms: round(p95), maxMs: round(Math.max(...ms)),
        share: totalMs > 0 ? Math.round((sum / totalMs) * 1000) / 1000 : null, failed: rs.filter((r) => r.outcome === 'failed').length,
        budgetMs: budget ?? null, overBudget: budget !== undefined && p95 > budget, sum,
      };
    });
    stages.sort((a, b) => Number(a.stage === TOTAL_STAGE) - Number(b.stage === TOTAL_STAGE) || b.sum - a.sum || a.stage.localeCompare(b.stage));
    const starts = list.map((r) => r.startedAt).sort();
    cycles.push({
      cycle, services: [...new Set(list.map((r) => r.service))].sort(), cycles: totals.length, from: starts[0], to: starts[starts.length - 1],
      stages: stages.map(({ sum: _sum, ...s }) => s),
    });
  }
  const overBudget = cycles.flatMap((c) => c.stages.filter((s) => s.overBudget).map((s) => `${c.cycle}.${s.stage}`));
  return { database, lastCycles, cycles, overBudget };
}

export function formatProfile(report: ProfileReport): string {
  const lines: string[] = [];
  const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
  for (const c of report.cycles) {
    lines.push(`${c.cycle} (${c.services.join(', ')}): last ${c.cycles} cycles, ${c.from} … ${c.to}`);
    const table = [['stage', 'n', 'p50', 'p95', 'max', 'share', 'budget'], ...c.stages.map((s) => [
      s.stage, String(s.n), ms(s.p50Ms), ms(s.p95Ms), ms(s.maxMs), s.share === null ? '-' : `${(s.share * 100).toFixed(1)}%`,
      s.budgetMs === null ? '-' : `${ms(s.budgetMs)}${s.overBudget ? ' OVER' : ''}`,
    ])];
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    for (const row of table) lines.push(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
  }
  lines.push(report.overBudget.length ? `over budget (p95): ${report.overBudget.join(', ')}` : 'no stage over its budget (p95)');
  return `${lines.join('\n')}\n`;
}

export interface ProfileOptions {
  readonly cycle?: string;
  readonly last?: number;
  readonly json: boolean;
  readonly db?: string;
  readonly cpu?: string;
  readonly seconds?: string;
}

/** `polytrader profile [--cycle NAME] [--last N] [--json] [--db URL]`, or `--cpu SERVICE --seconds N`. */
export async function profile(options: ProfileOptions, write: (s: string) => void = (s) => void process.stdout.write(s)): Promise<number> {
  if (options.cpu !== undefined) return cpuProfile(options.cpu, options.seconds, options.json, write);
  if (options.seconds !== undefined) throw new Error('--seconds goes with --cpu SERVICE');
  const last = options.last ?? DEFAULT_LAST_CYCLES;
  const { config, storageUrl } = resolveRunAndSay({ db: options.db });
  const database = describeDbUrl(storageUrl);
  const ds = await createDataSource(config.storage, { readOnly: true });
  let rows: StageTimingRecord[];
  let known: string[];
  try {
    const store = new StageTimingStore(ds);
    try {
      known = await store.cycles();
    } catch (err) {
      throw new Error(`${database} has no readable stage_timings table (${(err as Error).message}); a service started on it creates it`);
    }
    if (options.cycle !== undefined && !known.includes(options.cycle)) {
      throw new Error(`--cycle: no stage timings for cycle "${options.cycle}" in ${database}${known.length ? ` (it has: ${known.join(', ')})` : ' (it has none yet)'}`);
    }
    rows = await store.recent({ cycle: options.cycle, lastCycles: last });
  } finally {
    await ds.destroy();
  }
  if (rows.length === 0) throw new Error(`no stage timings in ${database} yet: the services write one set per cycle`);
  const report = profileReport(rows, config.profiler.budgets_ms, database, last);
  write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatProfile(report));
  return 0;
}

async function cpuProfile(service: string, secondsText: string | undefined, json: boolean, write: (s: string) => void): Promise<number> {
  if (!isServiceName(service)) throw new Error(`--cpu: unknown service "${service}" (one of ${SERVICE_NAMES.join(', ')})`);
  if (secondsText === undefined) throw new Error(`--seconds: required with --cpu (${PROFILE_SECONDS_MIN}..${PROFILE_SECONDS_MAX})`);
  const seconds = profileSecondsOf({ seconds: Number(secondsText) });
  if (typeof seconds === 'string') throw new Error(`--seconds: must be an integer in ${PROFILE_SECONDS_MIN}..${PROFILE_SECONDS_MAX}, got "${secondsText}"`);
  const { withBus } = await import('./bus-client');
  const answer = await withBus(async (nc) => {
    if (!json) process.stderr.write(`profiling ${service} for ${seconds} s …\n`);
    try {
      const msg = await nc.request(profileSubject(service), Buffer.from(JSON.stringify({ seconds })), { timeout: seconds * 1000 + PROFILE_ANSWER_MARGIN_MS });
      return JSON.parse(Buffer.from(msg.data).toString()) as ProfileAnswer;
    } catch (err) {
      throw new Error(`${service} did not answer on ${profileSubject(service)} (${(err as Error).message}): is it running on this bus?`);
    }
  });
  if (!answer.ok) throw new Error(`${service}: ${answer.error}`);
  write(json ? `${JSON.stringify(answer, null, 2)}\n`
    : `${answer.path} (${(answer.bytes / 1024).toFixed(1)} KB, ${answer.seconds} s from ${answer.startedAt}); open it in Chrome DevTools › Performance › Load profile\n`);
  return 0;
}
