export * from './free-port';
export * from './nats-harness';
export * from './system-harness';
export * from './test-runtime';
export * from './promtool';
