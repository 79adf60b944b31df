export * from './kill-switch';
export * from './control-ledger';
