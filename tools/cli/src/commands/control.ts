import { Subjects } from '@polytrader/contracts';
import { withBus } from './bus-client';

/**
 * `polytrader kill --reason` / `polytrader reset`: published through JetStream so the command
 * returns only once the CONTROL stream has stored it (a restarted service will see it).
 */
export async function publishControl(kind: 'kill' | 'reset', reason: string | undefined): Promise<number> {
  const subject = kind === 'kill' ? Subjects.SystemKill : Subjects.SystemReset;
  const payload = { reason: reason?.trim() || `manual ${kind} from cli`, source: 'cli' };
  await withBus(async (nc) => {
    const ack = await nc.jetstream().publish(subject, Buffer.from(JSON.stringify(payload)));
    process.stdout.write(`${subject} published (stream ${ack.stream}, seq ${ack.seq}): ${payload.reason}\n`);
  });
  return 0;
}
