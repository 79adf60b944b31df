import { BaseRpcContext } from '@nestjs/microservices';
import { MsgHdrs } from 'nats';

export interface BusMessageInfo {
  readonly subject: string;
  readonly headers?: MsgHdrs;
  /** JetStream delivery count (1 on first delivery); 1 for core messages */
  readonly deliveryCount: number;
  readonly durable: boolean;
}

/** What a handler gets besides the validated event: `@Ctx() ctx: BusContext`. */
export class BusContext extends BaseRpcContext<[BusMessageInfo]> {
  get subject(): string {
    return this.args[0].subject;
  }
  get info(): BusMessageInfo {
    return this.args[0];
  }
}
