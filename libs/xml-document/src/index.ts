export * from './xml-document';
export * from './xml-navigation';
