import { STREAMS, StreamSpec } from '@polytrader/contracts';
import { DiscardPolicy, JetStreamManager, RetentionPolicy, StorageType, StreamConfig, nanos } from 'nats';

const DAY_MS = 86_400_000;

function streamConfig(spec: StreamSpec): Partial<StreamConfig> & { name: string } {
  return {
    name: spec.name,
    subjects: [...spec.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: spec.maxAgeDays ? nanos(spec.maxAgeDays * DAY_MS) : 0,
    max_msgs_per_subject: spec.maxMsgsPerSubject || -1,
    num_replicas: 1,
    ...(spec.duplicateWindowS ? { duplicate_window: nanos(spec.duplicateWindowS * 1000) } : {}),
  };
}

/**
 * Creates or updates every stream the contracts define. Idempotent: every service calls it at
 * start, so the bus is ready whichever service comes up first.
 */
export async function ensureStreams(jsm: JetStreamManager, specs: readonly StreamSpec[] = STREAMS): Promise<void> {
  for (const spec of specs) {
    const cfg = streamConfig(spec);
    try {
      await jsm.streams.info(spec.name);
      await jsm.streams.update(spec.name, cfg);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      try {
        await jsm.streams.add(cfg);
      } catch (addErr) {
        // Another service created it between our lookup and add.
        if (jsErrCode(addErr) !== JsErrCode.StreamNameInUse) throw addErr;
      }
    }
  }
}

/** JetStream API error codes (nats-server `server/errors.json`): told apart by code, never by message text. */
export const JsErrCode = {
  StreamNotFound: 10059,
  NoMessageFound: 10037,
  ConsumerNotFound: 10014,
  StreamNameInUse: 10058,
} as const;

function jsErrCode(err: unknown): number | undefined {
  return (err as { api_error?: { err_code?: number } })?.api_error?.err_code;
}

/** The stream, consumer or message asked for does not exist. */
export function isNotFound(err: unknown): boolean {
  const code = jsErrCode(err);
  return code === JsErrCode.StreamNotFound || code === JsErrCode.ConsumerNotFound || code === JsErrCode.NoMessageFound;
}

/** The stream exists but holds no message for the subject asked for (not: the stream is missing). */
export function isNoMessage(err: unknown): boolean {
  return jsErrCode(err) === JsErrCode.NoMessageFound;
}

/** The stream itself is missing (deleted): for CONTROL this must never read as "no kill". */
export function isStreamMissing(err: unknown): boolean {
  return jsErrCode(err) === JsErrCode.StreamNotFound;
}
