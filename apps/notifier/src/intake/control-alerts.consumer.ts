import { ControlMessage, Subjects, parseControlMessage } from '@polytrader/contracts';
import { BusConfig, DurablePullConsumer, EventBus } from '@polytrader/platform';
import { JetStreamManager, JsMsg, millis } from 'nats';
import type { Logger } from 'pino';
import type { AlertDraft } from '../alerts/alert-kind';
import { emergencyMessage, resetMessage } from '../alerts/messages';

export type AcceptAlert = (draft: AlertDraft) => Promise<unknown>;

/** The EMERGENCY (kill) or reset alert for one message of the CONTROL stream; keyed by stream sequence. */
export function controlAlert(subject: string, seq: number, msg: ControlMessage): AlertDraft {
  return subject === Subjects.SystemKill
    ? { key: `emergency:${seq}`, kind: 'emergency', text: emergencyMessage(msg) }
    : { key: `reset:${seq}`, kind: 'reset', text: resetMessage(msg) };
}

/**
 * system.kill and system.reset accept any payload, so they have no contract and the platform transport
 * would dead-letter them: the notifier reads them with durable JetStream consumers of its own
 * (`notifier__system_kill`, `notifier__system_reset`, the platform's DurablePullConsumer), acked once the
 * alert is in the outbox — a notifier down during a kill sends the EMERGENCY alert when it is back. A failed
 * intake is retried in place with backoff (never dropped); a message that was in the hands of a dying
 * notifier `bus.max_deliveries` times is dead-lettered instead of crash-looping it.
 */
export class ControlAlertsConsumer {
  private readonly consumers: DurablePullConsumer[] = [];

  constructor(
    private readonly bus: EventBus,
    private readonly jsm: JetStreamManager,
    private readonly config: BusConfig,
    private readonly accept: AcceptAlert,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    for (const subject of [Subjects.SystemKill, Subjects.SystemReset]) {
      const consumer = new DurablePullConsumer(this.bus, this.jsm, this.config, this.logger, {
        subject,
        maxMessages: 16,
        mode: {
          kind: 'each',
          onError: 'retry',
          describeError: (m) => `could not queue the ${m.subject} alert`,
          handle: (m) => this.onMessage(m),
        },
      });
      await consumer.start();
      this.consumers.push(consumer);
    }
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
  }

  private async onMessage(m: JsMsg): Promise<void> {
    const msg = parseControlMessage(m.data, new Date(millis(m.info.timestampNanos)));
    await this.accept(controlAlert(m.subject, m.seq, msg));
  }
}
