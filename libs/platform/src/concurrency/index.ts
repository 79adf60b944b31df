export * from './map-limit';
