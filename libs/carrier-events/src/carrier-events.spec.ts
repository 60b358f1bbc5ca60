import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LotMovement, movementProblems } from '@lotbridge/lot';
import { XmlDocumentRejected } from '@lotbridge/xml-document';
import { CarrierEventRejected, inTransitLineOf, proofOfDeliveryMovement, readEpcisDocument, readEpcisXml, readTrackingWebhook, STOCK_EFFECT } from './index';

const samplePath = (name: string) => join(__dirname, '..', '..', '..', 'test', 'samples', 'tracking', name);
const sample = (name: string) => JSON.parse(readFileSync(samplePath(name), 'utf8')) as Record<string, unknown>;

function rejection(read: () => unknown): { code: string; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof CarrierEventRejected) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('not rejected');
}

describe('tracking webhooks', () => {
  it('reads the EasyPost tracker sample: every tracking detail, keyed by the tracking code, ending delivered', () => {
    const events = readTrackingWebhook(sample('easypost-tracking-webhook.json'));
    expect(events.map((event) => event.status)).toEqual(['announced', 'in-transit', 'in-transit', 'in-transit', 'out-for-delivery', 'delivered']);
    expect(events[5]).toMatchObject({ format: 'easypost', carrier: 'UPS', carrierStatus: 'delivered', occurredAt: '2014-11-19T10:51:54.000Z', keys: [{ kind: 'tracking', value: 'EZ4000000004' }], location: 'SAN FRANCISCO, CA, US' });
    expect(new Set(events.map((event) => event.eventId)).size).toBe(6);
    expect(readTrackingWebhook(sample('easypost-tracking-webhook.json')).map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
  });

  it('reads the DCSA sample: a confirmed booking, keyed by booking and transport document', () => {
    const [event] = readTrackingWebhook(sample('dcsa-tnt-300-request-shipment.json'));
    expect(event).toMatchObject({ eventId: 'evt-ship-001', format: 'dcsa', carrier: 'EXCO', status: 'announced', carrierStatus: 'SHIPMENT:CONF', occurredAt: '2026-01-20T10:00:00.000Z', keys: [{ kind: 'shipment', value: 'ABC709951' }, { kind: 'tracking', value: 'HHL71800000' }] });
    expect(STOCK_EFFECT[event!.status]).toBe('none');
  });

  it('reads the generic shape with every key, status words in either case style', () => {
    const [event] = readTrackingWebhook({ carrier: 'DHL', status: 'out_for_delivery', occurredAt: '2026-03-01T10:15:00+01:00', deliveryNumber: '0080001234', sscc: '106141411234567897', trackingNumber: 'JD0141', shipmentId: 'S1' });
    expect(event).toMatchObject({ status: 'out-for-delivery', occurredAt: '2026-03-01T09:15:00.000Z', keys: [{ kind: 'delivery', value: '0080001234' }, { kind: 'sscc', value: '106141411234567897' }, { kind: 'tracking', value: 'JD0141' }, { kind: 'shipment', value: 'S1' }] });
    expect(event!.eventId).toMatch(/^generic:/);
  });

  it.each([
    [{ status: 'teleported', occurredAt: '2026-03-01T10:15:00Z', deliveryNumber: '1' }, 'CARRIER.UNKNOWN_STATUS', 'event.status "teleported" is not one of'],
    [{ status: 'delivered', deliveryNumber: '1' }, 'CARRIER.MISSING_FIELD', 'event.occurredAt is missing'],
    [{ status: 'delivered', occurredAt: '2026-03-01 10:15', deliveryNumber: '1' }, 'CARRIER.INVALID_FIELD', 'event.occurredAt "2026-03-01 10:15" is not an instant with a time zone'],
    [{ status: 'delivered', occurredAt: '2026-03-01T10:15:00Z' }, 'CARRIER.NO_SHIPMENT_KEY', 'event names no shipment'],
    [{ status: 'delivered', occurredAt: '2026-03-01T10:15:00Z', sscc: '12' }, 'CARRIER.INVALID_FIELD', 'event.sscc "12" is not 18 digits'],
    [{ parcel: 'x' }, 'CARRIER.UNKNOWN_FORMAT', 'top-level keys: parcel'],
    [{ events: [{ status: 'delivered', occurredAt: '2026-03-01T10:15:00Z', deliveryNumber: 7 }, 'x'] }, 'CARRIER.INVALID_FIELD', 'events[1] must be an object'],
  ])('refuses %j with %s', (document, code, text) => {
    const refused = rejection(() => readTrackingWebhook(document));
    expect(refused.code).toBe(code);
    expect(refused.message).toContain(text);
  });
});

describe('EPCIS 2.0 events', () => {
  it('reads 9.6.1: shipping / in_transit, then receiving keyed by the despatch advice', () => {
    const events = readEpcisDocument(sample('epcis-json-9.6.1-ObjectEvent.jsonld'));
    expect(events.map(({ status, carrierStatus, keys }) => ({ status, carrierStatus, keys }))).toEqual([
      { status: 'picked-up', carrierStatus: 'shipping/in_transit', keys: [] },
      { status: 'delivered', carrierStatus: 'receiving/in_progress', keys: [{ kind: 'delivery', value: '1152' }] },
    ]);
    expect(events[0]!.occurredAt).toBe('2005-04-04T02:33:31.116Z');
  });

  it('reads 9.6.1 in the XML binding as it reads the JSON-LD one (event ids, absent in the XML, from the content)', () => {
    const fromXml = readEpcisDocument(readEpcisXml(readFileSync(samplePath('epcis-xml-9.6.1-ObjectEvent.xml')), 1024 * 1024));
    const fromJson = readEpcisDocument(sample('epcis-json-9.6.1-ObjectEvent.jsonld'));
    const meaning = (events: typeof fromJson) => events.map(({ eventId: _id, ...rest }) => rest);
    expect(meaning(fromXml)).toEqual(meaning(fromJson));
    expect(fromXml.map((event) => event.eventId)).toEqual(readEpcisDocument(readEpcisXml(readFileSync(samplePath('epcis-xml-9.6.1-ObjectEvent.xml')), 1024 * 1024)).map((event) => event.eventId));
    expect(new Set(fromXml.map((event) => event.eventId)).size).toBe(2);
  });

  it('refuses EPCIS XML that is not EPCIS, or that carries a DTD (entity expansion, XXE)', () => {
    expect(rejection(() => readEpcisXml(Buffer.from('<Other xmlns="urn:x"/>'), 1024))).toEqual({
      code: 'EPCIS.NOT_EPCIS',
      message: 'not an EPCIS 2.0 XML document: root element is {urn:x}Other, expected {urn:epcglobal:epcis:xsd:2}EPCISDocument',
    });
    const laughs = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2">&b;</epcis:EPCISDocument>';
    expect(() => readEpcisXml(Buffer.from(laughs), 1024 * 1024)).toThrow(XmlDocumentRejected);
    expect(() => readEpcisXml(Buffer.from(laughs), 1024 * 1024)).toThrow(/DOCTYPE/);
  });

  it('reads 9.6.2 (LGTIN and Digital Link): the lot, batch byte-identical, with quantity and unit', () => {
    const [lgtin] = readEpcisDocument(sample('epcis-json-9.6.2-ObjectEvent-lgtin.jsonld'));
    expect(lgtin).toMatchObject({ status: 'delivered', lots: [{ gtin: '04012345123456', batchNumber: '998877', quantity: '200', unit: 'KGM' }], keys: [{ kind: 'lot', value: '["04012345123456","998877"]' }] });
    const [link] = readEpcisDocument(sample('epcis-json-9.6.2-ObjectEvent-DigitalLink.jsonld'));
    expect(link).toMatchObject({ status: 'delivered', lots: [{ gtin: '70614141123451', batchNumber: '998877', quantity: '200', unit: 'KGM' }] });
  });

  it('refuses the 9.6.4 TransformationEvent: production is not transport', () => {
    expect(rejection(() => readEpcisDocument(sample('epcis-json-9.6.4-TransformationEvent-lgtin.jsonld')))).toEqual({
      code: 'EPCIS.UNSUPPORTED_EVENT_TYPE',
      message: 'eventList[0].type "TransformationEvent" is not a tracking event: send ObjectEvent or AggregationEvent',
    });
  });

  it('reads SSCCs of URNs and Digital Links, CBV URIs, and damaged as an exception', () => {
    const [event] = readEpcisDocument({
      type: 'ObjectEvent',
      eventID: 'e1',
      eventTime: '2026-02-01T08:00:00Z',
      bizStep: 'urn:epcglobal:cbv:bizstep:arriving',
      disposition: 'https://ref.gs1.org/cbv/Disp-damaged',
      epcList: ['urn:epc:id:sscc:0614141.1234567890', 'https://id.gs1.org/00/106141412345678908'],
      quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345.A%2FB%20 1' }],
    });
    expect(event).toMatchObject({ status: 'exception', carrierStatus: 'arriving/damaged', lots: [{ gtin: '04012345123456', batchNumber: 'A/B  1' }] });
    expect(event!.keys.filter((key) => key.kind === 'sscc').map((key) => key.value)).toEqual(['106141412345678908']);
  });

  it.each([
    [{ type: 'ObjectEvent', eventID: 'e', eventTime: '2026-02-01T08:00:00Z', bizStep: 'commissioning' }, 'EPCIS.UNSUPPORTED_BIZ_STEP', 'bizStep "commissioning" is not a transport step'],
    [{ type: 'ObjectEvent', eventID: 'e', eventTime: '2026-02-01T08:00:00Z', bizStep: 'receiving', epcList: ['urn:epc:id:sgtin:0614141.107346.2018'] }, 'CARRIER.NO_SHIPMENT_KEY', 'eventList[0] (receiving) names no shipment'],
    [{ type: 'ObjectEvent', eventID: 'e', eventTime: '2026-02-01T08:00:00Z', bizStep: 'receiving', quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345', quantity: 1 }] }, 'EPCIS.MISSING_BATCH', 'the lot (batch) is missing'],
    [{ type: 'EPCISQueryDocument' }, 'EPCIS.NOT_EPCIS', '"type" is "EPCISQueryDocument"'],
    [{ type: 'EPCISDocument', epcisBody: {} }, 'CARRIER.MISSING_FIELD', 'no epcisBody.eventList'],
    [{ type: 'ObjectEvent', eventID: 'e', eventTime: '2026-02-01T08:00:00Z', bizStep: 'receiving', quantityList: [{ epcClass: 'https://id.gs1.org/01/70614141123452/10/1' }] }, 'EPCIS.INVALID_IDENTIFIER', 'GS1.BAD_CHECK_DIGIT'],
  ])('refuses %j with %s', (document, code, text) => {
    const refused = rejection(() => readEpcisDocument(document));
    expect(refused.code).toBe(code);
    expect(refused.message).toContain(text);
  });
});

describe('proof of delivery', () => {
  const goodsIssue: LotMovement = {
    movementId: 'SAP:X|0080001234|000010|delivery',
    kind: 'delivery',
    item: 'MAT-1',
    batchNumber: ' 批次/01 ',
    quantity: '12.500',
    unit: 'KGM',
    from: { kind: 'warehouse', code: 'DE01/MAIN' },
    to: { kind: 'in-transit', code: 'CUST/42/0080001234' },
    occurredAt: '2026-03-01T08:00:00Z',
    source: { system: 'SAP:X', document: '0080001234', line: '000010' },
    sscc: '106141412345678908',
    expiryDate: '2027-01-31',
  };

  it('a goods issue into in-transit <shipTo>/<deliveryNumber> is a line in transit; other movements are not', () => {
    expect(inTransitLineOf(goodsIssue)).toMatchObject({ deliveryNumber: '0080001234', shipTo: 'CUST/42', quantity: '12.500', batchNumber: ' 批次/01 ' });
    expect(inTransitLineOf({ ...goodsIssue, to: { kind: 'customer', code: 'CUST' } })).toBeUndefined();
    expect(inTransitLineOf({ ...goodsIssue, kind: 'transfer-out' })).toBeUndefined();
  });

  it('moves exactly the quantity in transit to the customer, batch and SSCC unchanged, same id every time', () => {
    const line = inTransitLineOf(goodsIssue)!;
    const leg = proofOfDeliveryMovement(line, '2026-03-02T09:00:00.000Z');
    expect(leg).toMatchObject({ kind: 'delivery', item: 'MAT-1', batchNumber: ' 批次/01 ', quantity: '12.500', from: { kind: 'in-transit', code: 'CUST/42/0080001234' }, to: { kind: 'customer', code: 'CUST/42' }, sscc: '106141412345678908', expiryDate: '2027-01-31', occurredAt: '2026-03-02T09:00:00.000Z' });
    expect(movementProblems(leg)).toEqual([]);
    expect(proofOfDeliveryMovement(line, '2026-03-03T09:00:00.000Z').movementId).toBe(leg.movementId);
  });

  it('never puts the lot at the customer before it left', () => {
    expect(proofOfDeliveryMovement(inTransitLineOf(goodsIssue)!, '2014-11-19T10:51:54.000Z').occurredAt).toBe('2026-03-01T08:00:00Z');
  });
});
