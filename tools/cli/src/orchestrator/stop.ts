import { isAlive, readRunInfo } from './pidfile';

/** `polytrader stop`: asks the running orchestrator to stop gracefully and waits for it. */
export async function stop(timeoutMs = 30_000): Promise<number> {
  const info = readRunInfo();
  if (!info) {
    process.stdout.write('polytrader is not running\n');
    return 0;
  }
  process.kill(info.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(info.pid)) {
    if (Date.now() > deadline) {
      process.stderr.write(`pid ${info.pid} did not stop within ${timeoutMs / 1000} s\n`);
      return 1;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stdout.write('polytrader stopped\n');
  return 0;
}
