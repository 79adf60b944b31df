export * from './connect';
export * from './streams';
export * from './event-bus';
export * from './bus-context';
export * from './json-bus.transport';
export * from './rpc-error.filter';
export * from './durable-consumer';
export * from './jetstream-publisher';
