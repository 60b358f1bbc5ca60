import { randomInt, randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { deadLetterTopic } from '@lotbridge/contracts';
import { GS, withCheckDigit } from '@lotbridge/gs1';
import { eventually } from '@lotbridge/testing';
import { startCarrierAdapter } from '../../apps/carrier-adapter/src/main';
import { startInventoryService } from '../../apps/inventory-service/src/main';
import { startScanAdapter } from '../../apps/scan-adapter/src/main';
import { TopicCollector } from './support/topic-collector';

/**
 * Scans over the real pipes: POST /scans/in|move|out -> scan-adapter (PostgreSQL, outbox) -> lot.movements.v1 ->
 * inventory-service; a scan-out to a customer is a goods issue the carrier adapter completes on "delivered".
 * Each run scans GTINs of its own (random, valid check digit), so runs never see each other's stock.
 */
const run = randomUUID().slice(0, 8);
const newGtin = () => withCheckDigit(`0${String(randomInt(10 ** 11, 10 ** 12))}1`.slice(0, 13));
let scanCounter = 0;
const scanId = () => `${run}-${++scanCounter}`;

let scanner: INestApplication;
let carrier: INestApplication;
let inventory: INestApplication;
let database: Client;
let deadLetters: TopicCollector<ReturnType<typeof deadLetterTopic>>;

const urlOf = (app: INestApplication) => `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;

async function scan(action: 'in' | 'out' | 'move', body: Record<string, unknown> | Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = Buffer.isBuffer(body) ? body : JSON.stringify({ location: 'DE01/MAIN', scannedBy: 'alice', deviceId: `TC52-${run}`, scanId: scanId(), ...body });
  const response = await fetch(`${urlOf(scanner)}/scans/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function stockOf(item: string): Promise<Array<[string, string, string]>> {
  const rows = (await (await fetch(`${urlOf(inventory)}/stock?item=${encodeURIComponent(item)}&includeVirtual=true`)).json()) as Array<{ batchNumber: string; locationKey: string; onHand: string }>;
  return rows.filter((row) => row.onHand !== '0' && !row.locationKey.startsWith('supplier:')).map((row) => [row.batchNumber, row.locationKey, row.onHand]);
}

beforeAll(async () => {
  database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  inventory = await startInventoryService(0);
  carrier = await startCarrierAdapter(0);
  scanner = await startScanAdapter(0);
  deadLetters = await new TopicCollector(deadLetterTopic('scan-adapter')).start();
});

afterAll(async () => {
  await deadLetters?.stop();
  await scanner?.close();
  await carrier?.close();
  await inventory?.close();
  await database?.end();
});

describe('scans move stock', () => {
  it('scan in (GS1-128 with FNC1 as GS), move to a bin, scan out (DataMatrix): stock per location, batch unchanged', async () => {
    const gtin = newGtin();
    const received = await scan('in', { scan: `]C101${gtin}10B/7-${run}${GS}17271231${GS}3712` });
    expect(received).toMatchObject({ status: 202, body: { status: 'accepted', gtin, symbology: ']C1', movement: { kind: 'receipt', item: gtin, batchNumber: `B/7-${run}`, quantity: '12', unit: 'H87', expiryDate: '2027-12-31', to: 'warehouse:DE01/MAIN' } } });
    expect((await scan('move', { scan: `(01)${gtin}(10)B/7-${run}`, quantity: '5', unit: 'H87', to: 'DE01/MAIN#A-01' })).body).toMatchObject({ status: 'accepted', movement: { kind: 'put-away' } });
    expect((await scan('out', { scan: `]d201${gtin}10B/7-${run}${GS}302` })).body).toMatchObject({ status: 'accepted', movement: { kind: 'production-consumption', quantity: '2', to: 'production:DE01' } });
    await eventually(async () =>
      expect(await stockOf(gtin)).toEqual([
        [`B/7-${run}`, 'production:DE01', '2'],
        [`B/7-${run}`, 'warehouse:DE01/MAIN', '5'],
        [`B/7-${run}`, 'warehouse:DE01/MAIN#A-01', '5'],
      ]),
    );
  });

  it('a Digital Link scan with a GTIN mapped to our item; a retry with the same scanId is applied once', async () => {
    const gtin = newGtin();
    const item = `SCAN-${run}`;
    expect((await (await fetch(`${urlOf(scanner)}/items/gtin/${gtin}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ item }) })).json())).toEqual({ gtin, item });
    const body = { scan: `https://id.gs1.org/01/${gtin}/10/DL%2F${run}?17=280131&3103=001250`, scanId: `retry-${run}` };
    expect((await scan('in', body)).body).toMatchObject({ status: 'accepted', movement: { item, batchNumber: `DL/${run}`, quantity: '1.250', unit: 'KGM', expiryDate: '2028-01-31' } });
    expect((await scan('in', body)).body).toMatchObject({ status: 'duplicate' });
    expect((await scan('in', { ...body, scanId: `second-${run}` })).body).toMatchObject({ status: 'accepted' });
    await eventually(async () => expect(await stockOf(item)).toEqual([[`DL/${run}`, 'warehouse:DE01/MAIN', '2.5']]));
  });

  it('scan out to a customer is the goods issue; the carrier\'s "delivered" puts the lot at the customer', async () => {
    const gtin = newGtin();
    const deliveryNumber = `SD${run}`;
    await scan('in', { scan: `(01)${gtin}(10)C-${run}(37)10` });
    expect((await scan('out', { scan: `(01)${gtin}(10)C-${run}(37)4`, customer: `C-${run}`, deliveryNumber })).body).toMatchObject({ movement: { kind: 'delivery', to: `in-transit:C-${run}/${deliveryNumber}` } });
    await eventually(async () => expect((await fetch(`${urlOf(carrier)}/shipments/${deliveryNumber}`)).status).toBe(200));
    const delivered = await fetch(`${urlOf(carrier)}/carrier-events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'delivered', occurredAt: new Date().toISOString(), deliveryNumber }) });
    expect(delivered.status).toBe(202);
    await eventually(async () => expect(await stockOf(gtin)).toEqual([[`C-${run}`, `customer:C-${run}`, '4'], [`C-${run}`, 'warehouse:DE01/MAIN', '6']]));
  });
});

describe('bad scans: 422 naming the GS1 error, raw kept, dead letter', () => {
  const gtin = withCheckDigit('0950110153000');
  const badGtin = gtin.slice(0, 13) + String((Number(gtin[13]) + 1) % 10);
  const cases: Array<[string, 'in' | 'out' | 'move', () => Buffer, number, string, string]> = [
    ['a wrong check digit', 'in', () => Buffer.from(JSON.stringify({ scan: `]C101${badGtin}10X${run}${GS}371`, location: 'DE01/MAIN', scannedBy: 'a', deviceId: 'd', scanId: scanId() })), 422, 'GS1.BAD_CHECK_DIGIT', `AI (01) "${badGtin}": check digit should be`],
    ['a variable-length field without its GS separator', 'in', () => Buffer.from(JSON.stringify({ scan: `]C101${gtin}10ABCDEFGHIJKLMNOPQRSTU17271231`, location: 'DE01/MAIN', scannedBy: 'a', deviceId: 'd', scanId: scanId() })), 422, 'GS1.BAD_LENGTH', 'AI (10)'],
    ['a missing batch', 'in', () => Buffer.from(JSON.stringify({ scan: `(01)${gtin}(17)271231(37)1`, location: 'DE01/MAIN', scannedBy: 'a', deviceId: 'd', scanId: scanId() })), 422, 'SCAN.MISSING_BATCH', 'has no AI (10) batch/lot number'],
    ['an unknown item (an SSCC label alone)', 'out', () => Buffer.from(JSON.stringify({ scan: '(00)106141412345678908', location: 'DE01/MAIN', scannedBy: 'a', deviceId: 'd', scanId: scanId() })), 422, 'SCAN.MISSING_ITEM', 'the barcode names no trade item'],
    ['malformed JSON', 'in', () => Buffer.from(`{"scan":"(01)${gtin}(10)${run}"`), 400, 'JSON.MALFORMED', 'scan request is not well-formed JSON'],
    ['prototype poisoning', 'in', () => Buffer.from(`{"scan":"(01)${gtin}(10)${run}","__proto__":{"admin":true}}`), 400, 'JSON.FORBIDDEN_KEY', 'forbidden "__proto__"'],
    ['oversize', 'move', () => Buffer.from(JSON.stringify({ scan: `(01)${gtin}(10)${run}`, note: 'x'.repeat(20_000) })), 413, 'JSON.TOO_LARGE', 'larger than the limit of 16384 bytes'],
  ];

  it.each(cases)('%s', async (_name, action, makeBody, status, code, text) => {
    const body = makeBody();
    const response = await scan(action, body);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ status: 'rejected', error: code, code });
    expect(String(response.body['message'])).toContain(text);
    const { rows } = await database.query('SELECT body, status, error_code FROM scan_adapter.inbound_document WHERE id = $1', [response.body['documentId']]);
    expect(rows[0]).toEqual({ body, status: 'rejected', error_code: code });
    const letter = await eventually(() => deadLetters.find((value) => value.deadLetterId === response.body['deadLetterId']), { timeoutMs: 30_000 });
    expect(letter).toMatchObject({ service: 'scan-adapter', reasonCode: code, rawDocumentRef: `scan-adapter/inbound_document/${String(response.body['documentId'])}` });
    expect(letter.originalValue?.equals(body)).toBe(true);
  });
});
