import { BatchHandler, BusConfig, Delivery, DurablePullConsumer, EventBus, durableName } from '@polytrader/platform';
import { JetStreamManager } from 'nats';
import type { Logger } from 'pino';

export type { BatchHandler, Delivery };

export interface OrderedConsumerOptions {
  /** Messages handled (and stored) together at most. */
  maxBatch: number;
  /** Delivered but unacknowledged messages at most (the consumer's max_ack_pending): room for batches in flight. */
  maxAckPending?: number;
  /** First pause after a failed batch (doubles per failure, 30 s at most). */
  retryMs?: number;
}

/**
 * Risk's intake: the platform's DurablePullConsumer in ordered-batch mode — messages handled strictly in
 * stream order, in batches, even across crashes and handler failures (for risk every decision depends on the
 * ones before; a nak with backoff would let a redelivery come after newer messages). What was delivered but
 * not acknowledged is handled first after a restart or a failed batch; the handler must be idempotent by
 * message (risk keys decisions by signal id). Invalid messages, messages failing `bus.max_deliveries` times
 * and messages that were in the hands of a dying process `bus.max_deliveries` times are dead-lettered.
 */
export class OrderedConsumer {
  private consumer?: DurablePullConsumer;

  constructor(
    private readonly bus: EventBus,
    private readonly jsm: JetStreamManager,
    private readonly config: BusConfig,
    private readonly logger: Logger,
    readonly subject: string,
    private readonly options: OrderedConsumerOptions,
  ) {}

  get durable(): string {
    return durableName(this.bus.service, this.subject);
  }

  async start(handler: BatchHandler): Promise<void> {
    this.consumer = new DurablePullConsumer(this.bus, this.jsm, this.config, this.logger, {
      subject: this.subject,
      maxMessages: this.options.maxBatch,
      consumerConfig: { max_deliver: -1, max_ack_pending: this.options.maxAckPending ?? this.options.maxBatch },
      mode: { kind: 'ordered-batch', handle: handler, retryMs: this.options.retryMs },
    });
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}
