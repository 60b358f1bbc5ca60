export * from './alert-rules';
export * from './reservation';
