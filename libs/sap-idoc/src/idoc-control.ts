import { invalidField, missingField } from './idoc-errors';
import { requiredSegment, fieldsOf } from './idoc-segments';
import type { XmlElement } from './idoc-xml';
import { sapDate, sapTime, zonedInstant } from './sap-values';

/** EDI_DC40, the control record, of any IDoc type: raw values as written. */
export interface IdocControl {
  DOCNUM?: string;
  IDOCTYP?: string;
  /** extension type, when the basic type was extended */
  CIMTYP?: string;
  MESTYP?: string;
  MESCOD?: string;
  SNDPOR?: string;
  SNDPRT?: string;
  SNDPRN?: string;
  RCVPOR?: string;
  RCVPRT?: string;
  RCVPRN?: string;
  CREDAT?: string;
  CRETIM?: string;
}

const CONTROL_FIELDS = ['DOCNUM', 'IDOCTYP', 'CIMTYP', 'MESTYP', 'MESCOD', 'SNDPOR', 'SNDPRT', 'SNDPRN', 'RCVPOR', 'RCVPRT', 'RCVPRN', 'CREDAT', 'CRETIM'] as const;

/** Reads EDI_DC40 of an IDOC element; refuses a document without one (IDOC.MISSING_FIELD). */
export function readIdocControl(idoc: XmlElement): IdocControl {
  const read = fieldsOf(requiredSegment(idoc, 'EDI_DC40', { segment: 'IDOC' }, 'control record'), { segment: 'EDI_DC40' });
  const control: IdocControl = {};
  for (const name of CONTROL_FIELDS) {
    const value = read(name);
    if (value !== undefined) control[name] = value;
  }
  return control;
}

/**
 * The IDoc's creation instant (EDI_DC40 CREDAT/CRETIM), written in the sender's local time: converted to UTC with
 * the sender's IANA time zone (see DeliveryMappingOptions.senderTimeZone).
 */
export function controlInstant(control: IdocControl, timeZone: string): string {
  const where = { segment: 'EDI_DC40' };
  const { CREDAT, CRETIM } = control;
  if (!CREDAT) throw missingField({ ...where, field: 'CREDAT' });
  if (!CRETIM) throw missingField({ ...where, field: 'CRETIM' });
  const date = sapDate(CREDAT, { ...where, field: 'CREDAT' });
  if (!date) throw invalidField({ ...where, field: 'CREDAT' }, CREDAT, 'is not a date (YYYYMMDD)');
  return zonedInstant(date, sapTime(CRETIM, { ...where, field: 'CRETIM' }), timeZone);
}
