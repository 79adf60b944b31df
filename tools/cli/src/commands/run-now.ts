import type { RunNowAnswer } from '@polytrader/contracts';
import { GatewayClient } from '../gateway/gateway-client';
import { GatewayTarget, resolveGateway } from '../gateway/gateway-target';

/**
 * Whether `collect` / `analyze` ask the running system (POST /api/collect, /api/analyze) rather than run
 * the cycle in this process: only when a system runs (--gateway, GATEWAY_URL or a live run file) and
 * neither `--db` nor `--once` asks for the offline run.
 */
export function runNowTarget(options: { gateway?: string; db?: string; once?: boolean }): GatewayTarget | null {
  if (options.db !== undefined || options.once) return null;
  const target = resolveGateway({ flag: options.gateway });
  return target.systemRuns ? target : null;
}

/** Asks the running collector / analyzer to start one run now; answers once it started (not when it ends). */
export async function runNowViaGateway(target: GatewayTarget, path: '/api/collect' | '/api/analyze', json: boolean): Promise<number> {
  const answer = await new GatewayClient(target).post<RunNowAnswer>(path);
  process.stdout.write(json ? `${JSON.stringify(answer, null, 2)}\n` : `${answer.service} started a run at ${answer.at} (via the gateway at ${target.url}); follow it with: polytrader watch\n`);
  return 0;
}
