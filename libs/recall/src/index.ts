export * from './recall-case';
export * from './recovery';
export * from './mock-recall-report';
export * from './notification-list';
