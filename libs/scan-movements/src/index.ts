// A scan at a location (GS1-128, DataMatrix, QR, Digital Link parsed by @lotbridge/gs1) becomes a lot movement.
export * from './scan-request';
export * from './scan-movement';
