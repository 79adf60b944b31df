export * from './heartbeat';
export * from './status-board';
