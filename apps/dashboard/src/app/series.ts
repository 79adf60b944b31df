/** Pure series shaping for the charts (unit-tested in node). */

export type Point = readonly [t: number, v: number];

/**
 * Two series on one x axis, as uPlot wants them: the union of their times, ascending, with null where
 * a series has no point (drawn as a gap-spanning line).
 */
export function alignSeries(a: readonly Point[], b: readonly Point[]): [number[], (number | null)[], (number | null)[]] {
  const xs = [...new Set([...a.map((p) => p[0]), ...b.map((p) => p[0])])].sort((x, y) => x - y);
  const at = (s: readonly Point[]) => {
    const m = new Map(s.map((p) => [p[0], p[1]]));
    return xs.map((x) => m.get(x) ?? null);
  };
  return [xs, at(a), at(b)];
}

/** ISO time → epoch seconds (uPlot's time unit). */
export const epochS = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
