export * from './eventually';
export * from './inbound-delivery-idoc';
