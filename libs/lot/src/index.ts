export * from './batch-number';
export * from './location';
export * from './movement';
export * from './quantity';
export * from './stock-ledger';
export * from './lot-master-data';
export * from './local-time';
