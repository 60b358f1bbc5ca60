import { XmlElement, childNamed, childrenNamed, readXmlDocument, textAt } from '@lotbridge/xml-document';
import { CarrierEventRejected } from './errors';
import { Json, contentId } from './fields';

const EPCIS_NAMESPACE = 'urn:epcglobal:epcis:xsd:2';
/** Event fields that are one text each, named as in EPCIS 2.0 JSON-LD. */
const TEXT_FIELDS = ['eventID', 'eventTime', 'eventTimeZoneOffset', 'recordTime', 'action', 'bizStep', 'disposition', 'parentID'] as const;
/** Fields that are lists of EPC URIs in XML (`<epcList><epc>…</epc></epcList>`). */
const EPC_LISTS = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'] as const;
const QUANTITY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'] as const;

/**
 * An EPCIS 2.0 XML document (the standard's XML binding, `epcis:EPCISDocument`) read into the JSON-LD shape that
 * readEpcisDocument reads, so both bindings mean the same: events by element name, EPC lists, quantity lists,
 * readPoint / bizLocation ids, business transactions with their type. Vendor extensions are left out. An event
 * without an eventID (optional in EPCIS) gets one from its content, so a re-sent document is recognised.
 * Unsafe XML (DTDs, entities, oversize) is refused by libs/xml-document.
 */
export function readEpcisXml(body: Buffer, maxBytes: number): Json {
  const root = readXmlDocument(body, { maxBytes, what: 'EPCIS document', xmlName: 'EPCIS XML', namespaces: true, mixedContent: 'ignore' });
  if (root.name !== 'EPCISDocument' || root.namespace !== EPCIS_NAMESPACE) {
    throw new CarrierEventRejected('EPCIS.NOT_EPCIS', `not an EPCIS 2.0 XML document: root element is ${root.namespace ? `{${root.namespace}}` : ''}${root.name}, expected {${EPCIS_NAMESPACE}}EPCISDocument`);
  }
  const eventList = childNamed(childNamed(root, 'EPCISBody') ?? root, 'EventList');
  if (!eventList) throw new CarrierEventRejected('CARRIER.MISSING_FIELD', 'EPCISDocument has no EPCISBody/EventList');
  return { type: 'EPCISDocument', schemaVersion: root.attributes?.['schemaVersion'] ?? '2.0', epcisBody: { eventList: eventList.children.map(eventOf) } };
}

function eventOf(element: XmlElement): Json {
  const event: Json = { type: element.name };
  for (const field of TEXT_FIELDS) {
    const text = childNamed(element, field)?.text.trim();
    if (text) event[field] = text;
  }
  for (const list of EPC_LISTS) {
    const epcs = childNamed(element, list);
    if (epcs) event[list] = childrenNamed(epcs, 'epc').map((epc) => epc.text.trim());
  }
  for (const list of QUANTITY_LISTS) {
    const quantities = childNamed(element, list);
    if (quantities) event[list] = childrenNamed(quantities, 'quantityElement').map(quantityOf);
  }
  for (const place of ['readPoint', 'bizLocation'] as const) {
    const id = textAt(element, [place, 'id'])?.trim();
    if (id) event[place] = { id };
  }
  const transactions = childNamed(element, 'bizTransactionList');
  if (transactions) {
    event['bizTransactionList'] = childrenNamed(transactions, 'bizTransaction').map((transaction) => ({
      ...(transaction.attributes?.['type'] !== undefined && { type: transaction.attributes['type'] }),
      bizTransaction: transaction.text.trim(),
    }));
  }
  event['eventID'] ??= contentId('epcis-xml', [JSON.stringify(event)]);
  return event;
}

function quantityOf(element: XmlElement): Json {
  const quantity = childNamed(element, 'quantity')?.text.trim();
  const uom = childNamed(element, 'uom')?.text.trim();
  // Kept as text: quantities are exact decimals end to end (EPCIS JSON carries numbers, which the reader turns to text).
  return { epcClass: childNamed(element, 'epcClass')?.text.trim() ?? '', ...(quantity !== undefined && { quantity }), ...(uom !== undefined && { uom }) };
}
