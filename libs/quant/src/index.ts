export * from './stats/descriptive';
export * from './stats/robust';
