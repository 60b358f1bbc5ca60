/** Why a tracking document was refused. Stable codes; the message names the field and the value. */
export type CarrierEventErrorCode =
  | 'CARRIER.UNKNOWN_FORMAT'
  | 'CARRIER.UNKNOWN_STATUS'
  | 'CARRIER.MISSING_FIELD'
  | 'CARRIER.INVALID_FIELD'
  | 'CARRIER.NO_SHIPMENT_KEY'
  | 'EPCIS.NOT_EPCIS'
  | 'EPCIS.UNSUPPORTED_EVENT_TYPE'
  | 'EPCIS.UNSUPPORTED_BIZ_STEP'
  | 'EPCIS.INVALID_IDENTIFIER'
  | 'EPCIS.MISSING_BATCH';

export class CarrierEventRejected extends Error {
  override readonly name = 'CarrierEventRejected';

  constructor(
    readonly code: CarrierEventErrorCode,
    message: string,
  ) {
    super(message);
  }
}
