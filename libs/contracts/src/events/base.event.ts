import { IsISO8601, IsInt, IsNotEmpty, IsString, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';

/** Fields every event carries: schema version, unique id, ISO time, producing service. */
export abstract class BaseEvent {
  @IsInt()
  @Min(1)
  v!: number;

  @IsString()
  @IsNotEmpty()
  id!: string;

  @IsISO8601({ strict: true })
  ts!: string;

  @IsString()
  @IsNotEmpty()
  source!: string;
}

export type EventFields<T extends BaseEvent> = Omit<T, keyof BaseEvent>;

/** Fills the common envelope fields for a new event. */
export function envelope(source: string, v = 1): BaseEvent {
  return { v, id: randomUUID(), ts: new Date().toISOString(), source };
}
