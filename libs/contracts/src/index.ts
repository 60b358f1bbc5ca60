export * from './__generated__/contracts';
export * from './codecs';
export * from './logical-types';
export * from './topics';
export * from './schema-evolution';
