export * from './batch-number-pattern';
