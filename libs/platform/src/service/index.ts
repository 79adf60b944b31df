export * from './service-runtime';
export * from './platform.module';
export * from './bootstrap';
export * from './workspace';
export * from './run-once';
