export * from './asn-errors';
export * from './despatch-advice';
export * from './item-mapping';
export * from './read-despatch-advice';
export * from './receipt-matching';
