export * from './stage-timer';
export * from './stage-timing-buffer';
export * from './cpu-profile';
