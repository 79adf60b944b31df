export * from './stats/descriptive';
