export * from './eventually';
export * from './inbound-delivery-idoc';
export * from './lot-trace-scenario';
