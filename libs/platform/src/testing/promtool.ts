import { spawnSync } from 'node:child_process';

/**
 * `promtool check metrics` (Debian's prometheus package) on a scrape: its exit status and everything it
 * printed. A clean scrape is `{ status: 0, out: '' }` — promtool prints lint findings (names, units,
 * counters without `_total`, …) even when it exits 0.
 */
export function promtoolCheckMetrics(scrape: string): { status: number | null; out: string } {
  const check = spawnSync('promtool', ['check', 'metrics'], { input: scrape, encoding: 'utf8' });
  if (check.error) throw new Error(`promtool did not run (install Debian's prometheus package): ${check.error.message}`);
  return { status: check.status, out: `${check.stdout}${check.stderr}`.trim() };
}
