import { ControlMessage, STREAMS, Subjects, encode } from '@polytrader/contracts';
import { randomUUID } from 'node:crypto';
import type { NatsConnection } from 'nats';
import { JetStreamPublisher, StoredAck } from '../bus/jetstream-publisher';
import { isStreamMissing } from '../bus/streams';

export type ControlKind = 'kill' | 'reset';

/** The stream that stores system.kill and system.reset (the kill switch reads its state from there). */
const CONTROL_STREAM = STREAMS.find((s) => s.subjects.includes(Subjects.SystemKill))!.name;

/** What the caller means to say; `ts` is filled in. */
export interface ControlCommand {
  readonly reason: string;
  /** who pulls or releases the switch: gateway, cli, telegram, risk, … */
  readonly source: string;
  readonly metrics?: Record<string, unknown>;
  /**
   * Used verbatim as Nats-Msg-Id: the same key is stored once (CONTROL's duplicate window), whoever
   * publishes it how often — for automatic kills such as a breaker trip (`risk-kill-<trip key>`).
   * Without one every call is a new command with a fresh id: a human's second kill is stored again.
   */
  readonly idempotencyKey?: string;
  /** when the command was given (a breaker trip's own time keeps a re-publish byte-identical); default now, also when invalid */
  readonly at?: Date | string;
}

/** What publishControl needs, and what every caller has: a JetStreamPublisher, an EventBus (`{ nc }`) or a bare NatsConnection (the CLI). */
export type ControlTransport = Pick<JetStreamPublisher, 'publish'> | { readonly nc: NatsConnection } | NatsConnection;

/** The command as CONTROL stored it. */
export interface ControlPublished extends StoredAck {
  readonly subject: string;
  readonly msgId: string;
  readonly message: ControlMessage;
}

/** JetStream refused or did not confirm a control command: it is NOT (known to be) in CONTROL. */
export class ControlNotStoredError extends Error {
  override readonly name = 'ControlNotStoredError';
  readonly stored = false;
  constructor(
    readonly subject: string,
    readonly msgId: string,
    cause: unknown,
    /** what JetStream said when asked about CONTROL after the failure, when it could be asked */
    readonly diagnosis?: string,
  ) {
    super(
      `${subject} was NOT stored in the ${CONTROL_STREAM} stream (${causeText(cause)}${diagnosis ? `; ${diagnosis}` : ''}). ` +
        `Services connected right now may have received it live, but one that restarts will not see it: ` +
        `send the command again until it is stored.`,
      { cause },
    );
  }
}

/** One JetStreamPublisher (one inbox subscription) per connection, made on first use. */
const DIAGNOSE_TIMEOUT_MS = 1000;

const publishers = new WeakMap<NatsConnection, JetStreamPublisher>();

/**
 * The one way to pull (`kill`) or release (`reset`) the kill switch, for the gateway, the CLI, the notifier
 * and risk's breaker alike. Builds the ControlMessage, publishes it through JetStream with a Nats-Msg-Id
 * (the idempotency key, else a fresh unique id) and resolves with the CONTROL stream's sequence once it is
 * stored (`duplicate` when that id was stored before). Throws ControlNotStoredError otherwise. Either way
 * the publish is a core publish too, so live subscribers — every KillSwitch — get it at once; a kill that
 * CONTROL missed is stored later by the halted services themselves (KillSwitch).
 */
export async function publishControl(via: ControlTransport, kind: ControlKind, command: ControlCommand): Promise<ControlPublished> {
  const subject = kind === 'kill' ? Subjects.SystemKill : Subjects.SystemReset;
  const message: ControlMessage = {
    reason: command.reason,
    source: command.source,
    ts: isoTime(command.at),
    ...(command.metrics ? { metrics: command.metrics } : {}),
  };
  const msgId = command.idempotencyKey ?? `${subject}-${command.source}-${randomUUID()}`;
  let ack: StoredAck;
  try {
    ack = await publisherOf(via).publish(subject, encode(message), msgId);
  } catch (err) {
    throw new ControlNotStoredError(subject, msgId, err, await diagnose(via));
  }
  return { ...ack, subject, msgId, message };
}

function publisherOf(via: ControlTransport): Pick<JetStreamPublisher, 'publish'> {
  if ('nc' in via) return shared(via.nc);
  if ('jetstream' in via) return shared(via);
  return via;
}

function shared(nc: NatsConnection): JetStreamPublisher {
  let p = publishers.get(nc);
  if (!p) {
    p = new JetStreamPublisher(nc);
    publishers.set(nc, p);
  }
  return p;
}

/**
 * Why a publish was not acknowledged. With subscribers on the subject (every KillSwitch) a missing stream
 * gives no 503, only a timeout: ask JetStream about CONTROL so the error says which it was.
 */
async function diagnose(via: ControlTransport): Promise<string | undefined> {
  const nc = 'nc' in via ? via.nc : 'jetstream' in via ? via : undefined;
  if (!nc || nc.isClosed()) return undefined;
  try {
    const jsm = await nc.jetstreamManager({ checkAPI: false, timeout: DIAGNOSE_TIMEOUT_MS });
    await jsm.streams.info(CONTROL_STREAM);
    return `the ${CONTROL_STREAM} stream exists`;
  } catch (err) {
    if (isStreamMissing(err)) return `the ${CONTROL_STREAM} stream does not exist`;
    return `JetStream did not answer either: ${causeText(err)}`;
  }
}

/** Never throws: a kill must not fail on a bad timestamp. */
function isoTime(at: Date | string | undefined): string {
  const t = at === undefined ? NaN : new Date(at).getTime();
  return new Date(Number.isFinite(t) ? t : Date.now()).toISOString();
}

function causeText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
