export * from './count-document';
export * from './batch-number-words';
export * from './count-variance';
export * from './erp-snapshot';
export * from './erp-snapshot-csv';
export * from './reconciliation';
