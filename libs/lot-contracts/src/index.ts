export * from './lot-contract.mapper';
