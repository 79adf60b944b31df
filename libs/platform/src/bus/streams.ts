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
        if (!/already in use|exists/i.test(String((addErr as Error).message))) throw addErr;
      }
    }
  }
}

export function isNotFound(err: unknown): boolean {
  const e = err as { code?: string | number; api_error?: { err_code?: number }; message?: string };
  return e?.code === '404' || e?.code === 404 || e?.api_error?.err_code === 10059 || e?.api_error?.err_code === 10037 ||
    /not found/i.test(e?.message ?? '');
}
