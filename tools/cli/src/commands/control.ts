import { publishControl as publishControlCommand } from '@polytrader/platform';
import { withBus } from './bus-client';

/**
 * `polytrader kill --reason` / `polytrader reset`: published through JetStream (platform's publishControl,
 * the one path every publisher takes) so the command returns only once the CONTROL stream has stored it (a
 * restarted service will see it). Each call is a new command with its own message id; when JetStream does
 * not store it the command fails with an error saying so (exit code 1).
 */
export async function publishControl(kind: 'kill' | 'reset', reason: string | undefined): Promise<number> {
  const command = { reason: reason?.trim() || `manual ${kind} from cli`, source: 'cli' };
  await withBus(async (nc) => {
    const res = await publishControlCommand(nc, kind, command);
    process.stdout.write(`${res.subject} published (stream ${res.stream}, seq ${res.seq}): ${res.message.reason}\n`);
  });
  return 0;
}
