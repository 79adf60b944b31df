import { Type } from 'class-transformer';
import {
  IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Matches, Min, ValidateNested,
} from 'class-validator';
import { BaseEvent } from './base.event';

export const SERVICE_STATES = ['starting', 'running', 'halted', 'stopping'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/** Why and by whom the system was stopped. */
export class KillInfo {
  @IsString() reason!: string;
  @IsString() source!: string;
  @IsString() ts!: string;
}

export class CycleInfo {
  @IsString() name!: string;
  @IsString() at!: string;
  @IsOptional() @IsNumber() durationMs?: number;
  @IsOptional() @IsString() outcome?: string;
}

/** system.heartbeat.<service> — liveness, sent every `bus.heartbeat_interval_ms` and on every state change. */
export class HeartbeatEvent extends BaseEvent {
  @IsString() @IsNotEmpty() service!: string;
  @IsIn(SERVICE_STATES) state!: ServiceState;
  @IsString() version!: string;
  @IsNumber() @Min(0) uptimeS!: number;
  @IsInt() @Min(1) intervalMs!: number;
  @IsInt() pid!: number;
  @IsNumber() @Min(0) rssBytes!: number;
  @IsOptional() @ValidateNested() @Type(() => KillInfo) kill!: KillInfo | null;
  @IsOptional() @ValidateNested() @Type(() => CycleInfo) lastCycle!: CycleInfo | null;
  /** circuit breaker per outside API this service calls: closed | open | half_open */
  @IsOptional() @IsObject() breakers?: Record<string, string>;
  /** id of the system.kill message that caused this halt, so latency can be measured end to end */
  @IsOptional() @IsString() killMessageId?: string;
  /** event-loop delay p99 since the previous heartbeat, in ms (absent from older services) */
  @IsOptional() @IsNumber() @Min(0) eventLoopLagMs?: number;
}

export const METRIC_TYPES = ['counter', 'gauge', 'histogram', 'summary'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/** One sample of a metric family, as prom-client's getMetricsAsJSON gives it (NaN and ±Inf arrive as null). */
export class MetricSample {
  @IsObject() labels!: Record<string, string | number>;
  @IsOptional() @IsNumber({ allowNaN: true, allowInfinity: true }) value!: number | null;
  /** histogram and summary series: `<name>_bucket`, `_sum`, `_count` */
  @IsOptional() @IsString() metricName?: string;
}

export class MetricFamily {
  @IsString() @Matches(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/) name!: string;
  @IsString() help!: string;
  @IsIn(METRIC_TYPES) type!: MetricType;
  @IsArray() @ValidateNested({ each: true }) @Type(() => MetricSample) values!: MetricSample[];
}

/** system.metrics.<service> — the service's registry every `bus.metrics_interval_ms`, merged by the gateway into /metrics. */
export class MetricsReportEvent extends BaseEvent {
  @IsString() @IsNotEmpty() service!: string;
  @IsInt() @Min(1) intervalMs!: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => MetricFamily) families!: MetricFamily[];
}

/** system.deadletter — a message that failed validation or exhausted its redeliveries. */
export class DeadLetterEvent extends BaseEvent {
  @IsString() @IsNotEmpty() subject!: string;
  @IsString() reason!: string;
  @IsString() consumer!: string;
  /** the original bytes (at most the first DEAD_LETTER_PAYLOAD_BYTES of them), UTF-8 decoded when valid, else base64 */
  @IsString() payload!: string;
  @IsIn(['utf8', 'base64']) encoding!: 'utf8' | 'base64';
  @IsOptional() @IsObject() headers?: Record<string, string[]>;
  /** size of the original message in bytes; more than `payload` holds when it was cut */
  @IsOptional() @IsInt() @Min(0) bytes?: number;
  /** hex SHA-256 of the full original bytes, to match a cut payload with its source */
  @IsOptional() @IsString() @Matches(/^[0-9a-f]{64}$/) sha256?: string;
}

/** The JSON form of system.kill / system.reset. Any other payload is accepted too: see parseKillCommand. */
export class ControlCommand {
  @IsOptional() @IsString() reason?: string;
  @IsOptional() @IsString() source?: string;
  @IsOptional() @IsObject() metrics?: Record<string, unknown>;
}
