import { JetStreamPublisher } from '@polytrader/platform';
import { connect } from 'nats';

/**
 * The risk bench's "bus floor": a process that does risk's bus work for each message and nothing else —
 * the same durable pull consumer (batches of 64), two stored events per message (as a decision and a
 * trade), the acknowledgement once both are stored — so risk's latency can be read against what the bus
 * alone costs on the same machine at the same rate. Run by risk-decision.bench.ts; env: NATS_URL, and
 * FLOOR_STREAM / FLOOR_DURABLE (created by the bench), FLOOR_DECISION / FLOOR_TRADE subjects.
 */
async function main(): Promise<void> {
  const env = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set`);
    return v;
  };
  const nc = await connect({ servers: env('NATS_URL') });
  const publisher = new JetStreamPublisher(nc);
  const consumer = await nc.jetstream().consumers.get(env('FLOOR_STREAM'), env('FLOOR_DURABLE'));
  const messages = await consumer.consume({ max_messages: 64 });
  const [decision, trade] = [env('FLOOR_DECISION'), env('FLOOR_TRADE')];
  process.send?.('ready');
  // about the size of a risk.approved and a trade.opened
  const pad = 'x'.repeat(300);
  for await (const m of messages) {
    const id = Buffer.from(m.data).toString('utf8');
    const body = Buffer.from(JSON.stringify({ signalId: id, pad }));
    void Promise.all([publisher.publish(decision, body, `d-${id}`), publisher.publish(trade, body, `t-${id}`)]).then(() => m.ack());
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
