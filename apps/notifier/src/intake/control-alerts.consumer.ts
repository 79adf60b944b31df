import { ControlMessage, Subjects, parseControlMessage } from '@polytrader/contracts';
import { BusConfig, EventBus, ensureDurableConsumer } from '@polytrader/platform';
import { ConsumerMessages, JetStreamManager, JsMsg, millis } from 'nats';
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
 * (`notifier__system_kill`, `notifier__system_reset`), acked once the alert is in the outbox — a
 * notifier down during a kill sends the EMERGENCY alert when it is back.
 */
export class ControlAlertsConsumer {
  private readonly consumers: ConsumerMessages[] = [];
  private readonly pumps: Promise<void>[] = [];

  constructor(
    private readonly bus: EventBus,
    private readonly jsm: JetStreamManager,
    private readonly config: BusConfig,
    private readonly accept: AcceptAlert,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    for (const subject of [Subjects.SystemKill, Subjects.SystemReset]) {
      const { stream, durable } = await ensureDurableConsumer(this.jsm, this.bus.service, subject, this.config);
      const messages = await (await this.bus.js.consumers.get(stream, durable)).consume({ max_messages: 16 });
      this.consumers.push(messages);
      this.pumps.push(this.pump(messages));
    }
  }

  async stop(): Promise<void> {
    for (const c of this.consumers) await c.close().catch(() => undefined);
    await Promise.allSettled(this.pumps);
  }

  private async pump(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) await this.onMessage(m);
  }

  private async onMessage(m: JsMsg): Promise<void> {
    const msg = parseControlMessage(m.data, new Date(millis(m.info.timestampNanos)));
    try {
      await this.accept(controlAlert(m.subject, m.seq, msg));
      m.ack();
    } catch (err) {
      // Never dropped: the kill alert is retried until it is in the outbox.
      this.logger.error({ err, metrics: { subject: m.subject, seq: m.seq } }, `could not queue the ${m.subject} alert; retrying`);
      m.nak(Math.min(30_000, 250 * 2 ** m.info.deliveryCount));
    }
  }
}
