export * from './create-logger';
export * from './read-logs';
