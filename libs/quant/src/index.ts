export * from './stats/descriptive';
export * from './stats/robust';
export * from './sentiment/sentiment';
export * from './hype/grid';
export * from './hype/hype-score';
export * from './analysis';
