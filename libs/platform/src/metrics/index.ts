export * from './service-metrics';
export * from './platform-families';
export * from './metrics-reporter';
