import { streamFor } from '@polytrader/contracts';
import { AckPolicy, ConsumerConfig, DeliverPolicy, JetStreamManager, nanos } from 'nats';
import type { BusConfig } from '../config/sections';
import { isNotFound } from './streams';

/** `<service>__<subject>` with the subject's dots and wildcards as `_`: one durable consumer per service and subject. */
export function durableName(service: string, subject: string): string {
  return `${service}__${subject.replace(/[.*>]/g, '_')}`;
}

/**
 * The service's durable consumer of `subject` on the stream that stores it, created when missing (explicit
 * acks, `bus.ack_wait_s`; a new consumer starts from now: history before the service first existed is not its
 * work). `extra` adds delivery limits. Returns the stream and durable names.
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager, service: string, subject: string, bus: Pick<BusConfig, 'ack_wait_s'>, extra: Partial<ConsumerConfig> = {},
): Promise<{ stream: string; durable: string }> {
  const stream = streamFor(subject)?.name;
  if (!stream) throw new Error(`${subject} is not stored by any stream`);
  const durable = durableName(service, subject);
  try {
    await jsm.consumers.info(stream, durable);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.consumers.add(stream, {
      durable_name: durable, filter_subject: subject, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New,
      ack_wait: nanos(bus.ack_wait_s * 1000), ...extra,
    });
  }
  return { stream, durable };
}
