import { startSimulator } from '@polytrader/simulator';

export interface SimCommandOptions {
  /** default 8790 */
  port?: number;
  /** default 50 */
  markets?: number;
  /** default 42 */
  seed?: number;
  /** added to every API answer, default 0 */
  latencyMs?: number;
  /** default 127.0.0.1; 0.0.0.0 to serve other containers */
  host?: string;
}

/**
 * `polytrader sim`: runs the API simulator (Gamma, CLOB, X, RSS, Telegram) in the foreground,
 * prints its URLs and the environment to point polytrader at it, and stops on SIGINT/SIGTERM.
 */
export async function sim(options: SimCommandOptions = {}): Promise<number> {
  const s = await startSimulator({
    port: options.port ?? 8790,
    host: options.host,
    markets: options.markets,
    seed: options.seed,
    latencyMs: options.latencyMs,
  });
  const { urls } = s;
  const lines = [
    `simulator listening on ${s.url} (seed ${options.seed ?? 42}, ${options.markets ?? 50} markets, latency ${options.latencyMs ?? 0} ms)`,
    '',
    `  gamma     ${urls.gamma}`,
    `  clob      ${urls.clob}`,
    `  x         ${urls.x}`,
    `  rss       ${urls.rss}`,
    `  telegram  ${urls.telegram}`,
    `  control   ${s.url}/__sim/truth · /__sim/requests · /__sim/faults · /__sim/markets · /__sim/telegram/messages`,
    '',
    'point polytrader at it:',
    `  GAMMA_API_URL=${urls.gamma} CLOB_API_URL=${urls.clob} X_API_URL=${urls.x} TELEGRAM_API_ROOT=${urls.telegram} X_BEARER_TOKEN=sim TELEGRAM_BOT_TOKEN=123456:SIMULATED`,
    `  RSS feed (config hype.rss_feeds): ${urls.rss}`,
    '',
    'Ctrl-C stops it.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await s.close();
  process.stdout.write('simulator stopped\n');
  return 0;
}
