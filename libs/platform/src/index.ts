export * from './config';
export * from './logging';
export * from './bus';
export * from './kill-switch';
export * from './heartbeat';
export * from './service';
export * from './http';
export * from './concurrency';
