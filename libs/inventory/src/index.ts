export * from './alert-rules';
export * from './reservation';
export * from './lot-transformation';
