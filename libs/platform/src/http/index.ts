export * from './errors';
export * from './backoff';
export * from './token-bucket';
export * from './api-client';
export * from './error-tally';
