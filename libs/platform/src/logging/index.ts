export * from './create-logger';
export * from './read-logs';
export * from './secret-scrubber';
