import { RiskCommandEvent, Subjects, envelope } from '@polytrader/contracts';
import { publishControl as publishControlCommand } from '@polytrader/platform';
import { GatewayClient, GatewayError } from '../gateway/gateway-client';
import { resolveGateway } from '../gateway/gateway-target';
import { withBus } from './bus-client';

export type ControlAction = 'kill' | 'reset' | 'reduce' | 'reduce-off';

export interface ControlOptions {
  readonly reason?: string;
  readonly gateway?: string;
  readonly json?: boolean;
}

const PATHS: Record<ControlAction, string> = { kill: '/api/kill', reset: '/api/reset', reduce: '/api/reduce', 'reduce-off': '/api/reduce/off' };

/** What both paths answer (the gateway's ControlAnswer / RiskCommandAnswer, or the same fields from the bus). */
interface ControlResult {
  readonly published: string;
  readonly reason: string;
  readonly stream?: string;
  readonly seq?: number;
  readonly command?: string;
}

/**
 * `polytrader kill | reset | reduce [--off]`: through the gateway's control endpoints when a system runs
 * (--gateway, GATEWAY_URL or a live run file), else published on the bus directly, as the services' own
 * path (JetStream-stored: CONTROL for kill/reset, RISK for risk.command). A run-file gateway that cannot
 * be reached falls back to the bus, because an emergency stop must not depend on the gateway; a named one
 * (--gateway, GATEWAY_URL) does not. A gateway that answers with an error (401, 503 …) is an error.
 */
export async function control(action: ControlAction, options: ControlOptions): Promise<number> {
  const target = resolveGateway({ flag: options.gateway });
  const reason = options.reason?.trim() || undefined;
  let result: ControlResult;
  let via: string;
  if (target.systemRuns) {
    try {
      result = await new GatewayClient(target).post<ControlResult>(PATHS[action], reason ? { reason } : {});
      via = `via the gateway at ${target.url}`;
    } catch (err) {
      if (!(err instanceof GatewayError) || err.kind !== 'unreachable' || target.explicit) throw err;
      process.stderr.write(`${err.message}; publishing on the bus directly\n`);
      result = await onBus(action, reason);
      via = 'on the bus';
    }
  } else {
    result = await onBus(action, reason);
    via = 'on the bus';
  }
  if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const where = result.stream ? ` (stream ${result.stream}, seq ${result.seq})` : '';
    process.stdout.write(`${result.published}${result.command ? ` ${result.command}` : ''} published ${via}${where}: ${result.reason}\n`);
  }
  return 0;
}

/** The offline path: no gateway, the command published by this process (fails when JetStream does not store it). */
async function onBus(action: ControlAction, reason: string | undefined): Promise<ControlResult> {
  if (action === 'kill' || action === 'reset') {
    const command = { reason: reason ?? `manual ${action} from cli`, source: 'cli' };
    return withBus(async (nc) => {
      const res = await publishControlCommand(nc, action, command);
      return { published: res.subject, reason: res.message.reason ?? command.reason, stream: res.stream, seq: res.seq };
    });
  }
  const event: RiskCommandEvent = { ...envelope('cli'), command: action === 'reduce-off' ? 'resume' : 'reduce', ...(reason ? { reason } : {}) };
  return withBus(async (nc) => {
    const ack = await nc.jetstream().publish(Subjects.RiskCommand, Buffer.from(JSON.stringify(event)), { msgID: event.id });
    return { published: Subjects.RiskCommand, command: event.command, reason: reason ?? '', stream: ack.stream, seq: ack.seq };
  });
}
