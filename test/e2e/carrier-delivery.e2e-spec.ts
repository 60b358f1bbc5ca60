import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { TOPICS, deadLetterTopic, lotKey } from '@lotbridge/contracts';
import { LotMovement } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { TopicCollector } from './support/topic-collector';
import { startCarrierAdapter } from '../../apps/carrier-adapter/src/main';
import { startInventoryService } from '../../apps/inventory-service/src/main';

/**
 * Two-legged shipments over the real pipes: goods issue (warehouse -> in-transit <shipTo>/<delivery>) on
 * lot.movements.v1 -> carrier-adapter learns the lines -> carrier "delivered" over HTTP -> second leg through the
 * outbox -> inventory-service: stock at the customer. Every run has its own items, deliveries and tracking codes.
 */
const run = randomUUID().slice(0, 8);
const item = (n: number) => `CARRIER-${run}-${n}`;
const delivery = (n: number) => `D${run}${n}`;
const shipTo = `CUST-${run}`;
const sample = (name: string) => readFileSync(join(__dirname, '..', 'samples', 'tracking', name), 'utf8');

let adapter: INestApplication;
let inventory: INestApplication;
let database: Client;
let producer: ContractProducer;
let deadLetters: TopicCollector<ReturnType<typeof deadLetterTopic>>;
let alerts: TopicCollector<typeof TOPICS.alerts>;

const urlOf = (app: INestApplication) => `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;

async function post(path: string, body: string | Buffer, contentType = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${urlOf(adapter)}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface StockRow { item: string; batchNumber: string; locationKey: string; onHand: string }
async function stockOf(itemCode: string): Promise<Array<[string, string, string]>> {
  const rows = (await (await fetch(`${urlOf(inventory)}/stock?item=${encodeURIComponent(itemCode)}&includeVirtual=true`)).json()) as StockRow[];
  return rows.filter((row) => row.onHand !== '0' && !row.locationKey.startsWith('supplier:')).map((row) => [row.batchNumber, row.locationKey, row.onHand]);
}

/** Receipt from a supplier, then the goods issue into in-transit: what the SAP or ERP adapter publishes. */
async function shipLots(n: number, lots: Array<{ batchNumber: string; quantity: string; sscc?: string; itemCode?: string }>, deliveryNumber = delivery(n)): Promise<void> {
  const at = '2026-03-01T08:00:00.000Z';
  const movements: LotMovement[] = lots.flatMap((lot, line) => {
    const base = { item: lot.itemCode ?? item(n), batchNumber: lot.batchNumber, quantity: lot.quantity, unit: 'KGM', occurredAt: at, ...(lot.sscc ? { sscc: lot.sscc } : {}) };
    const receipt = { system: 'E2E', document: `GR-${deliveryNumber}`, line: String(line) };
    const issue = { system: 'E2E', document: deliveryNumber, line: String(line) };
    return [
      { ...base, movementId: `E2E|GR-${deliveryNumber}|${line}|receipt`, kind: 'receipt', from: { kind: 'supplier', code: 'V1' }, to: { kind: 'warehouse', code: 'DE01/MAIN' }, source: receipt },
      { ...base, movementId: `E2E|${deliveryNumber}|${line}|delivery`, kind: 'delivery', from: { kind: 'warehouse', code: 'DE01/MAIN' }, to: { kind: 'in-transit', code: `${shipTo}/${deliveryNumber}` }, source: issue },
    ];
  });
  await producer.send(TOPICS.lotMovements, movements.map((movement) => ({ key: lotKey(movement.item, movement.batchNumber), messageId: movement.movementId, value: toMovementContract(movement) })));
}

async function keptDocument(documentId: unknown): Promise<{ body: Buffer; status: string; error_code: string | null }> {
  const { rows } = await database.query('SELECT body, status, error_code FROM carrier_adapter.inbound_document WHERE id = $1', [documentId]);
  return rows[0] as { body: Buffer; status: string; error_code: string | null };
}

beforeAll(async () => {
  database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  producer = new ContractProducer(createKafka(`e2e-carrier-${run}`), new ContractRegistry());
  await producer.connect();
  inventory = await startInventoryService(0);
  adapter = await startCarrierAdapter(0);
  deadLetters = await new TopicCollector(deadLetterTopic('carrier-adapter')).start();
  alerts = await new TopicCollector(TOPICS.alerts).start();
});

afterAll(async () => {
  await deadLetters?.stop();
  await alerts?.stop();
  await adapter?.close();
  await inventory?.close();
  await producer?.disconnect();
  await database?.end();
});

describe('a carrier delivery moves stock to the customer', () => {
  it('goods issue, then "delivered": exactly the quantities in transit reach the customer, batches unchanged', async () => {
    await shipLots(1, [{ batchNumber: ' Lot/1 批', quantity: '12.5' }, { batchNumber: 'L2', quantity: '3' }]);
    await eventually(async () => expect((await (await fetch(`${urlOf(adapter)}/shipments/${delivery(1)}`)).json())).toMatchObject({ status: 'in-transit', lines: [{}, {}] }));
    const response = await post('/carrier-events', JSON.stringify({ carrier: 'DHL', status: 'delivered', occurredAt: '2026-03-02T09:30:00+01:00', deliveryNumber: delivery(1), trackingNumber: `JD${run}`, message: 'signed by R. Roe' }));
    expect(response).toMatchObject({ status: 202, body: { status: 'accepted', events: [{ status: 'delivered', effect: 'delivered', deliveries: [delivery(1)] }] } });
    expect((response.body['movements'] as Array<{ batchNumber: string }>).map((movement) => movement.batchNumber).sort()).toEqual([' Lot/1 批', 'L2']);

    await eventually(async () =>
      expect(await stockOf(item(1))).toEqual([
        [' Lot/1 批', `customer:${shipTo}`, '12.5'],
        ['L2', `customer:${shipTo}`, '3'],
      ]),
    );
    const shipment = (await (await fetch(`${urlOf(adapter)}/shipments/${delivery(1)}`)).json()) as Record<string, unknown>;
    expect(shipment).toMatchObject({ deliveryNumber: delivery(1), status: 'delivered', deliveredAt: '2026-03-02T08:30:00.000Z', events: [{ status: 'delivered', carrier: 'DHL', message: 'signed by R. Roe' }] });
  });

  it('the same "delivered" re-sent, as the same bytes or a new event: stock moves once', async () => {
    await shipLots(2, [{ batchNumber: 'R1', quantity: '4' }]);
    const event = { status: 'delivered', occurredAt: '2026-03-02T10:00:00Z', deliveryNumber: delivery(2), eventId: `ev-${run}-2` };
    await eventually(async () => expect((await (await fetch(`${urlOf(adapter)}/shipments/${delivery(2)}`)).json())).toMatchObject({ status: 'in-transit' }));
    expect((await post('/carrier-events', JSON.stringify(event))).body).toMatchObject({ status: 'accepted', events: [{ effect: 'delivered' }] });
    expect((await post('/carrier-events', JSON.stringify(event))).body).toMatchObject({ status: 'duplicate' });
    expect((await post('/carrier-events', JSON.stringify(event, null, 2))).body).toMatchObject({ status: 'accepted', events: [{ effect: 'already-recorded' }], movements: [] });
    expect((await post('/carrier-events', JSON.stringify({ ...event, eventId: `ev-${run}-2b`, carrier: 'other' }))).body).toMatchObject({ status: 'accepted', movements: [] });
    // A later receipt of the same lot proves inventory has passed the repeats.
    await shipLots(2, [{ batchNumber: 'R1', quantity: '1' }], `${delivery(2)}x`);
    await eventually(async () => expect(await stockOf(item(2))).toEqual([['R1', `customer:${shipTo}`, '4'], ['R1', `in-transit:${shipTo}/${delivery(2)}x`, '1']]));
  });

  it('"delivered" before the goods issue is parked and applied when the goods issue arrives (keyed by SSCC)', async () => {
    const sscc = `10614141${String(Date.now()).slice(-9)}`;
    const ssccWithCheck = sscc + String((10 - ([...sscc].reduce((sum, digit, index) => sum + Number(digit) * (index % 2 === 0 ? 3 : 1), 0) % 10)) % 10);
    const early = await post('/carrier-events', JSON.stringify({ status: 'delivered', occurredAt: '2026-03-03T10:00:00Z', sscc: ssccWithCheck }));
    expect(early.body).toMatchObject({ status: 'accepted', events: [{ effect: 'parked', deliveries: [] }] });
    await shipLots(3, [{ batchNumber: 'P1', quantity: '7', sscc: ssccWithCheck }]);
    await eventually(async () => expect(await stockOf(item(3))).toEqual([['P1', `customer:${shipTo}`, '7']]));
    expect((await (await fetch(`${urlOf(adapter)}/shipments/${delivery(3)}`)).json())).toMatchObject({ status: 'delivered', lines: [{ sscc: ssccWithCheck }] });
  });

  it('the EasyPost sample: its tracking code learned from an event that names the delivery, its history recorded, delivered', async () => {
    await shipLots(4, [{ batchNumber: 'EZ-1', quantity: '2' }]);
    const trackingCode = `EZ${run}`;
    expect((await post('/carrier-events', JSON.stringify({ status: 'picked-up', occurredAt: '2026-03-01T09:00:00Z', deliveryNumber: delivery(4), trackingNumber: trackingCode }))).body).toMatchObject({ status: 'accepted' });
    const easypost = sample('easypost-tracking-webhook.json').replace('EZ4000000004', trackingCode);
    const response = await post('/carrier-events', easypost);
    expect(response.body).toMatchObject({ status: 'accepted', format: 'easypost' });
    expect((response.body['events'] as Array<{ effect: string }>).map((event) => event.effect)).toEqual(['recorded', 'recorded', 'recorded', 'recorded', 'recorded', 'delivered']);
    await eventually(async () => expect(await stockOf(item(4))).toEqual([['EZ-1', `customer:${shipTo}`, '2']]));
    const shipment = (await (await fetch(`${urlOf(adapter)}/shipments/${delivery(4)}`)).json()) as { events: unknown[] };
    expect(shipment.events).toHaveLength(7);
  });

  it('the EPCIS samples: 9.6.1 keyed by its despatch advice, 9.6.2 (LGTIN, Digital Link) by the lot in transit', async () => {
    await shipLots(5, [{ batchNumber: 'E1', quantity: '5' }], `${run}1152`);
    const lgtinBatch = `998877${run}`;
    await shipLots(6, [{ batchNumber: lgtinBatch, quantity: '200', itemCode: '04012345123456' }]);
    await eventually(async () => expect((await (await fetch(`${urlOf(adapter)}/shipments/${run}1152`)).json())).toMatchObject({ status: 'in-transit' }));
    await eventually(async () => expect((await (await fetch(`${urlOf(adapter)}/shipments/${delivery(6)}`)).json())).toMatchObject({ status: 'in-transit' }));

    const objectEvent = sample('epcis-json-9.6.1-ObjectEvent.jsonld').replace(':1152"', `:${run}1152"`).replace(/"eventID": "ni:\/\/\/sha-256;/g, `"eventID": "ni:///sha-256;${run}`);
    const first = await post('/epcis/events', objectEvent, 'application/ld+json');
    expect(first.body).toMatchObject({ status: 'accepted', format: 'epcis', events: [{ status: 'picked-up', effect: 'recorded' }, { status: 'delivered', effect: 'delivered', deliveries: [`${run}1152`] }] });

    const lgtin = sample('epcis-json-9.6.2-ObjectEvent-lgtin.jsonld').replace('lgtin:4012345.012345.998877', `lgtin:4012345.012345.${lgtinBatch}`).replace('ni:///sha-256;', `ni:///sha-256;${run}`);
    const second = await post('/epcis/events', lgtin, 'application/ld+json');
    expect(second.body).toMatchObject({ status: 'accepted', events: [{ effect: 'delivered', deliveries: [delivery(6)] }], movements: [{ item: '04012345123456', batchNumber: lgtinBatch, quantity: '200' }] });
    await eventually(async () => expect(await stockOf('04012345123456').then((rows) => rows.filter((row) => row[0] === lgtinBatch))).toEqual([[lgtinBatch, `customer:${shipTo}`, '200']]));
    await eventually(async () => expect(await stockOf(item(5))).toEqual([['E1', `customer:${shipTo}`, '5']]));

    // The Digital Link variant names the same kind of lot; nothing of that GTIN is in transit here, so it is parked.
    const link = sample('epcis-json-9.6.2-ObjectEvent-DigitalLink.jsonld').replace('/10/998877', `/10/${lgtinBatch}`).replace('ni:///sha-256;', `ni:///sha-256;${run}`);
    expect((await post('/epcis/events', link, 'application/ld+json')).body).toMatchObject({ status: 'accepted', events: [{ effect: 'parked' }] });
  });

  it('the EPCIS 9.6.1 sample in the XML binding: the same meaning as its JSON-LD twin, delivered once however often it is sent', async () => {
    await shipLots(8, [{ batchNumber: 'X-ML 1', quantity: '3' }], `${run}8152`);
    await eventually(async () => expect((await (await fetch(`${urlOf(adapter)}/shipments/${run}8152`)).json())).toMatchObject({ status: 'in-transit' }));
    const xml = sample('epcis-xml-9.6.1-ObjectEvent.xml').replace(':1152<', `:${run}8152<`);
    const first = await post('/epcis/events', xml, 'application/xml');
    expect(first.body).toMatchObject({ status: 'accepted', format: 'epcis', events: [{ status: 'picked-up', effect: 'recorded' }, { status: 'delivered', effect: 'delivered', deliveries: [`${run}8152`] }] });
    expect((await post('/epcis/events', xml, 'application/xml')).body).toMatchObject({ status: 'duplicate' });
    await eventually(async () => expect(await stockOf(item(8))).toEqual([['X-ML 1', `customer:${shipTo}`, '3']]));
  });

  it('an exception raises an alert on alerts.v1 and moves nothing', async () => {
    await shipLots(7, [{ batchNumber: 'X1', quantity: '1' }]);
    const eventId = `ex-${run}`;
    const response = await post('/carrier-events', JSON.stringify({ eventId, carrier: 'UPS', status: 'exception', occurredAt: '2026-03-02T10:00:00Z', deliveryNumber: delivery(7), message: 'package damaged' }));
    expect(response.body).toMatchObject({ status: 'accepted', events: [{ effect: 'alert' }], movements: [] });
    const alert = await eventually(() => alerts.find((value) => value.alertId === `carrier:${eventId}`));
    expect(alert).toMatchObject({ kind: 'CARRIER.SHIPMENT_EXCEPTION', state: 'RAISED', service: 'carrier-adapter', detail: `UPS reports exception for delivery ${delivery(7)}: package damaged` });
  });
});

describe('bad tracking documents are refused, kept and dead-lettered, and the adapter keeps serving', () => {
  const cases: Array<[string, string, Buffer, number, string, string]> = [
    ['malformed JSON', '/carrier-events', Buffer.from(`{"status":"delivered","deliveryNumber":"${run}"`), 400, 'JSON.MALFORMED', 'tracking webhook is not well-formed JSON'],
    ['an unknown event type (the 9.6.4 TransformationEvent sample)', '/epcis/events', Buffer.from(sample('epcis-json-9.6.4-TransformationEvent-lgtin.jsonld').replace('"EPCISDocument"', `"EPCISDocument", "run": "${run}"`)), 422, 'EPCIS.UNSUPPORTED_EVENT_TYPE', 'eventList[0].type "TransformationEvent" is not a tracking event'],
    ['an unknown status', '/carrier-events', Buffer.from(JSON.stringify({ status: 'beamed', occurredAt: '2026-03-02T10:00:00Z', deliveryNumber: run })), 422, 'CARRIER.UNKNOWN_STATUS', 'event.status "beamed" is not one of'],
    ['a lot without batch', '/epcis/events', Buffer.from(JSON.stringify({ type: 'ObjectEvent', eventID: run, eventTime: '2026-03-02T10:00:00Z', bizStep: 'receiving', quantityList: [{ epcClass: 'urn:epc:class:lgtin:4012345.012345', quantity: 1 }] })), 422, 'EPCIS.MISSING_BATCH', 'the lot (batch) is missing'],
    ['no shipment named', '/carrier-events', Buffer.from(JSON.stringify({ status: 'delivered', occurredAt: '2026-03-02T10:00:00Z', message: run })), 422, 'CARRIER.NO_SHIPMENT_KEY', 'event names no shipment'],
    ['prototype poisoning', '/carrier-events', Buffer.from(`{"status":"delivered","occurredAt":"2026-03-02T10:00:00Z","deliveryNumber":"${run}","__proto__":{"polluted":true}}`), 400, 'JSON.FORBIDDEN_KEY', 'forbidden "__proto__"'],
    ['oversize', '/carrier-events', Buffer.from(JSON.stringify({ status: 'delivered', occurredAt: '2026-03-02T10:00:00Z', deliveryNumber: run, message: 'x'.repeat(1024 * 1024) })), 413, 'JSON.TOO_LARGE', 'larger than the limit of 1048576 bytes'],
  ];

  it.each(cases)('%s', async (_name, path, body, status, code, text) => {
    const response = await post(path, body);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ status: 'rejected', error: code, code });
    expect(String(response.body['message'])).toContain(text);
    const kept = await keptDocument(response.body['documentId']);
    expect(kept).toEqual({ body, status: 'rejected', error_code: code });
    const letter = await eventually(() => deadLetters.find((value) => value.deadLetterId === response.body['deadLetterId']), { timeoutMs: 30_000 });
    expect(letter).toMatchObject({ service: 'carrier-adapter', reasonCode: code, rawDocumentRef: `carrier-adapter/inbound_document/${String(response.body['documentId'])}` });
    expect(letter.originalValue?.equals(body.subarray(0, 512 * 1024))).toBe(true);
    expect((await fetch(`${urlOf(adapter)}/health`)).status).toBe(200);
  });

  it('an unknown shipment: "delivered" is parked (not refused), and the shipment is not found', async () => {
    const response = await post('/carrier-events', JSON.stringify({ status: 'delivered', occurredAt: '2026-03-02T10:00:00Z', trackingNumber: `NOBODY-${run}` }));
    expect(response.body).toMatchObject({ status: 'accepted', events: [{ effect: 'parked', deliveries: [] }] });
    const missing = await fetch(`${urlOf(adapter)}/shipments/NOBODY-${run}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'CARRIER.UNKNOWN_SHIPMENT' });
  });
});
