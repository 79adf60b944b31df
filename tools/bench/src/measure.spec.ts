import { cpuMsOf, rssOf } from './measure';

describe('cpuMsOf() and rssOf() (this process, /proc)', () => {
  it('should count the CPU time this process spends, as Node counts it, to the clock tick', () => {
    const before = { proc: cpuMsOf(process.pid), node: process.cpuUsage() };
    // burn until Node itself says 200 ms of CPU went by (not wall time: the machine may be busy)
    let x = 0;
    while ((process.cpuUsage(before.node).user + process.cpuUsage(before.node).system) / 1000 < 200) x += Math.sqrt(x + 1);
    const node = process.cpuUsage(before.node);
    const spent = cpuMsOf(process.pid) - before.proc;
    // other threads of this process (GC, the compiler) may add a little; ticks are 10 ms
    expect(spent).toBeGreaterThanOrEqual((node.user + node.system) / 1000 - 20);
    expect(spent).toBeLessThan((node.user + node.system) / 1000 + 100);
    expect(x).toBeGreaterThan(0);
  });

  it('should read the resident set size in bytes', () => {
    const rss = rssOf(process.pid);
    expect(rss).toBeGreaterThan(10 * 1024 * 1024);
    expect(Math.abs(rss - process.memoryUsage().rss)).toBeLessThan(64 * 1024 * 1024);
  });
});
