import { STREAMS } from '@polytrader/contracts';
import type { JetStreamManager } from 'nats';
import { CYCLE_BUCKETS, REQUEST_BUCKETS, ServiceMetrics, WAIT_BUCKETS } from './service-metrics';

/** The outside-API families, shared by every ApiClient of the process (labels: api name, URL host). */
export function apiMetrics(m: ServiceMetrics) {
  return {
    duration: m.histogram('polytrader_api_request_duration_seconds', 'Outside API requests that left, by API, host and HTTP status ("none": no answer)', ['api', 'host', 'status'], REQUEST_BUCKETS),
    errors: m.counter('polytrader_api_errors_total', 'Failed outside API attempts by kind: http, timeout, network, malformed, circuit_open, rate_limited', ['api', 'host', 'kind']),
    rateLimited: m.counter('polytrader_api_rate_limited_total', 'HTTP 429 answers from an outside API', ['api', 'host']),
    limiterWait: m.histogram('polytrader_rate_limiter_wait_seconds', 'Time a call waited for its token from the API\'s shared rate limiter', ['api'], WAIT_BUCKETS),
  };
}

export type ApiMetrics = ReturnType<typeof apiMetrics>;

/** Every cycle a service records on its heartbeat (collection, hype, analysis, signals, quality, …), by outcome. */
export function cycleMetrics(m: ServiceMetrics) {
  return m.histogram('polytrader_cycle_duration_seconds', 'Duration of a cycle by stage (collection, hype, analysis, signals, …) and outcome', ['stage', 'outcome'], CYCLE_BUCKETS);
}

type ConsumerFigures = Map<string, { stream: string; pending: number; ackPending: number }>;

/**
 * JetStream backlog of this service's durable consumers (`<service>__<subject>`), sampled when the registry
 * is read — one consumer-list request per stream per report, nothing per message. Both gauges read the same
 * sample (taken once per report).
 */
export function consumerMetrics(m: ServiceMetrics, jsm: JetStreamManager, sampleTtlMs = 1000): void {
  const prefix = `${m.service}__`;
  let cached: { at: number; figures: Promise<ConsumerFigures> } | null = null;
  const sample = (): Promise<ConsumerFigures> => {
    if (cached && Date.now() - cached.at < sampleTtlMs) return cached.figures;
    cached = { at: Date.now(), figures: listConsumers(jsm, prefix) };
    return cached.figures;
  };
  const gauge = (name: string, help: string, read: (f: { pending: number; ackPending: number }) => number) =>
    m.gauge(name, help, ['stream', 'consumer'], async function collect() {
      const figures = await sample();
      this.reset();
      for (const [consumer, f] of figures) this.set({ stream: f.stream, consumer }, read(f));
    });
  gauge('polytrader_consumer_pending_messages', 'Messages in the stream not yet delivered to a durable consumer (num_pending)', (f) => f.pending);
  gauge('polytrader_consumer_ack_pending_messages', 'Messages delivered to a durable consumer and not yet acknowledged (num_ack_pending)', (f) => f.ackPending);
}

async function listConsumers(jsm: JetStreamManager, prefix: string): Promise<ConsumerFigures> {
  const figures: ConsumerFigures = new Map();
  await Promise.all(STREAMS.map(async ({ name: stream }) => {
    try {
      for await (const info of jsm.consumers.list(stream)) {
        if (info.name.startsWith(prefix)) figures.set(info.name, { stream, pending: info.num_pending, ackPending: info.num_ack_pending });
      }
    } catch {
      // stream missing or bus unreachable: that stream's consumers are left out of this report
    }
  }));
  return figures;
}
