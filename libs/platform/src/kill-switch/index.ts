export * from './kill-switch';
