export * from './sections';
export * from './secrets';
export * from './env-overrides';
export * from './load-config';
