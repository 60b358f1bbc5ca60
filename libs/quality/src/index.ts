export * from './lot-status';
export * from './status-transitions';
export * from './hold';
export * from './inspection';
export * from './quality-error';
export * from './lot-arrival';
