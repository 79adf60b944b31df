import { RiskCommandEvent, Subjects, envelope } from '@polytrader/contracts';
import { withBus } from './bus-client';

/**
 * `polytrader reduce [--off] [--reason]`: risk enters REDUCING (only position-reducing orders pass) or,
 * with --off, leaves it. Published through JetStream (RISK stream), so risk gets it even if it restarts.
 */
export async function reduce(options: { off?: boolean; reason?: string }): Promise<number> {
  const event: RiskCommandEvent = {
    ...envelope('cli'), command: options.off ? 'resume' : 'reduce', ...(options.reason?.trim() ? { reason: options.reason.trim() } : {}),
  };
  await withBus(async (nc) => {
    const ack = await nc.jetstream().publish(Subjects.RiskCommand, Buffer.from(JSON.stringify(event)), { msgID: event.id });
    process.stdout.write(`${Subjects.RiskCommand} ${event.command} published (stream ${ack.stream}, seq ${ack.seq})${event.reason ? `: ${event.reason}` : ''}\n`);
  });
  return 0;
}
