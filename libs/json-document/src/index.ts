export * from './json-document';
