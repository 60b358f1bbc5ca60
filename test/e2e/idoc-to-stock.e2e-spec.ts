import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { Client } from 'pg';
import { DeadLetter, deadLetterTopic } from '@lotbridge/contracts';
import { ContractRegistry, createKafka } from '@lotbridge/messaging';
import { batchNumberProblem } from '@lotbridge/lot';
import { eventually, inboundDeliveryIdoc, InboundDeliveryItem } from '@lotbridge/testing';
import { startInventoryService } from '../../apps/inventory-service/src/main';
import { startSapIdocAdapter } from '../../apps/sap-idoc-adapter/src/main';

/**
 * The walking skeleton over the real pipes: IDoc over HTTP -> sap-idoc-adapter (PostgreSQL, outbox) -> Kafka
 * with Avro through the schema registry -> inventory-service (PostgreSQL) -> stock over HTTP.
 * Every run uses its own document numbers and materials, so runs never see each other's stock.
 */
const run = randomUUID().slice(0, 8);
let documentCounter = 0;
const nextDocument = () => {
  documentCounter += 1;
  return { docnum: `E2E${run}${String(documentCounter).padStart(4, '0')}`, vbeln: `D${run}${documentCounter}` };
};
const material = (n: number) => `MAT-${run}-${n}`;

interface StockRow { item: string; batchNumber: string; locationKey: string; onHand: string; unit: string }

let adapter: INestApplication;
let inventory: INestApplication | undefined;
let database: Client;

const urlOf = (app: INestApplication) => `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;

async function postIdoc(xml: string | Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${urlOf(adapter)}/idocs`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function stockOf(item: string): Promise<StockRow[]> {
  if (!inventory) throw new Error('inventory-service is not running');
  const response = await fetch(`${urlOf(inventory)}/stock?item=${encodeURIComponent(item)}`);
  return (await response.json()) as StockRow[];
}

beforeAll(async () => {
  database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  adapter = await startSapIdocAdapter(0);
  inventory = await startInventoryService(0);
});

afterAll(async () => {
  await inventory?.close();
  await adapter?.close();
  await database?.end();
});

describe('an SAP delivery IDoc becomes stock', () => {
  it('posted once: stock is visible per lot and location, batch numbers unchanged', async () => {
    const { docnum, vbeln } = nextDocument();
    const posted = await postIdoc(
      inboundDeliveryIdoc({
        docnum,
        vbeln,
        items: [
          { posnr: '000010', matnr: material(1), charg: '0000012345', lfimg: '100.000', werks: 'DE01', lgort: 'MAIN' },
          { posnr: '000020', matnr: material(1), charg: '0000012345', lfimg: '2.500', werks: 'DE02', lgort: 'RAW' },
          { posnr: '000030', matnr: material(1), charg: '批次-001 ', lfimg: '7', werks: 'DE01', lgort: 'MAIN', vfdat: '20271231' },
        ],
      }),
    );
    expect(posted).toMatchObject({ status: 202, body: { status: 'accepted', idocNumber: docnum, deliveryNumber: vbeln, direction: 'inbound' } });

    await eventually(async () =>
      expect(await stockOf(material(1))).toEqual([
        { item: material(1), batchNumber: '0000012345', location: { kind: 'warehouse', code: 'DE01/MAIN' }, locationKey: 'warehouse:DE01/MAIN', onHand: '100', reserved: '0', available: '100', unit: 'KGM' },
        { item: material(1), batchNumber: '0000012345', location: { kind: 'warehouse', code: 'DE02/RAW' }, locationKey: 'warehouse:DE02/RAW', onHand: '2.5', reserved: '0', available: '2.5', unit: 'KGM' },
        { item: material(1), batchNumber: '批次-001 ', location: { kind: 'warehouse', code: 'DE01/MAIN' }, locationKey: 'warehouse:DE01/MAIN', onHand: '7', reserved: '0', available: '7', unit: 'KGM' },
      ]),
    );
  });

  it('posted twice, or re-sent under a new IDoc number: stock is counted once', async () => {
    const first = nextDocument();
    const items: InboundDeliveryItem[] = [{ posnr: '000010', matnr: material(2), charg: 'L2', lfimg: '10' }];
    const idoc = inboundDeliveryIdoc({ ...first, items });
    expect((await postIdoc(idoc)).body).toMatchObject({ status: 'accepted' });
    const again = await postIdoc(idoc);
    expect(again).toMatchObject({ status: 202, body: { status: 'duplicate' } });
    // The sender's middleware re-sends the same delivery as a new IDoc: same delivery lines, same movements.
    const resent = await postIdoc(inboundDeliveryIdoc({ docnum: nextDocument().docnum, vbeln: first.vbeln, items }));
    expect(resent.body).toMatchObject({ status: 'accepted' });
    // A later, different delivery of the same lot proves the consumer has passed the duplicates.
    expect((await postIdoc(inboundDeliveryIdoc({ ...nextDocument(), items: [{ ...items[0]!, lfimg: '1' }] }))).body).toMatchObject({ status: 'accepted' });

    await eventually(async () => expect((await stockOf(material(2))).map((row) => row.onHand)).toEqual(['11']));
  });

  it('malformed: 4xx naming the problem, the raw copy kept, a dead-letter record on Kafka', async () => {
    const malformed = Buffer.from(`<DELVRY07><IDOC><EDI_DC40><DOCNUM>${run}</DOCNUM></EDI_DC40><E1EDL20><VBELN>x</VBELN></IDOC></DELVRY07>`);
    const response = await postIdoc(malformed);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 'rejected', error: 'IDOC.MALFORMED_XML', code: 'IDOC.MALFORMED_XML' });
    expect(String(response.body['message'])).toMatch(/line \d+/);

    const kept = await database.query('SELECT body, status, error_code FROM sap_idoc_adapter.inbound_document WHERE id = $1', [response.body['documentId']]);
    expect(kept.rows[0]).toEqual({ body: malformed, status: 'rejected', error_code: 'IDOC.MALFORMED_XML' });

    const letter = await findDeadLetter(String(response.body['deadLetterId']));
    expect(letter).toMatchObject({
      service: 'sap-idoc-adapter',
      reasonCode: 'IDOC.MALFORMED_XML',
      reason: response.body['message'],
      originalValue: malformed,
      rawDocumentRef: `sap-idoc-adapter/inbound_document/${String(response.body['documentId'])}`,
    });
  });

  it('an IDoc that is not a delivery is refused with 422 naming its type, and kept', async () => {
    const orders = inboundDeliveryIdoc({ ...nextDocument(), items: [] }).replace(/DELVRY07/g, 'ORDERS05').replace('DESADV', 'ORDERS');
    const response = await postIdoc(orders);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'IDOC.UNSUPPORTED_TYPE' });
    expect(String(response.body['message'])).toContain('ORDERS05');
    const kept = await database.query('SELECT status FROM sap_idoc_adapter.inbound_document WHERE id = $1', [response.body['documentId']]);
    expect(kept.rows[0]).toEqual({ status: 'rejected' });
  });

  it('the inventory service stopped while movements are produced and restarted: no movement lost', async () => {
    await inventory!.close();
    inventory = undefined;
    const items = Array.from({ length: 20 }, (_, n) => ({ posnr: String((n + 1) * 10).padStart(6, '0'), matnr: material(3), charg: `B${n % 4}`, lfimg: '1.5' }));
    for (let i = 0; i < 5; i++) {
      expect((await postIdoc(inboundDeliveryIdoc({ ...nextDocument(), items }))).body).toMatchObject({ status: 'accepted' });
    }
    inventory = await startInventoryService(0);
    await eventually(async () =>
      expect((await stockOf(material(3))).map((row) => [row.batchNumber, row.onHand])).toEqual([
        ['B0', '37.5'],
        ['B1', '37.5'],
        ['B2', '37.5'],
        ['B3', '37.5'],
      ]),
    );
  });

  it('the real SAP sample deliveries are read; their items carry no batch, so they move no lot stock', async () => {
    for (const name of ['sap-b2bif-3pl-02-InboundDelivery-DESADV-DELVRY07.xml', 'sap-b2bif-3pl-04-OutboundDelivery-DESADV-DELVRY07.xml', 'sap-b2bif-3pl-06-CustomerReturn-DESADV-DELVRY07.xml']) {
      const response = await postIdoc(readFileSync(join(__dirname, '..', 'samples', 'idoc', name)));
      expect(response.status).toBe(202);
      expect(['accepted', 'duplicate']).toContain(response.body['status']);
      expect(response.body['movements']).toEqual([]);
      expect((response.body['skippedItems'] as Array<{ reason: string }>).every((item) => /no batch \(CHARG\)|batch split|zero/.test(item.reason))).toBe(true);
    }
  });
});

describe('batch numbers pass unchanged from IDoc through Kafka into stock (property)', () => {
  const trickyCharacter = fc.constantFrom('0', '0', '1', 'a', 'Z', ' ', ' ', '/', '-', '.', '&', '<', "'", '批', '次', 'é', 'İ', '😀');
  const batch = fc.string({ unit: trickyCharacter, minLength: 1, maxLength: 20 }).filter((text) => batchNumberProblem(text) === undefined);

  it('for every random batch string', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(batch, { minLength: 5, maxLength: 25 }), async (batches) => {
        const item = material(100 + randomInt(1_000_000));
        const { docnum, vbeln } = nextDocument();
        const items = batches.map((charg, n) => ({ posnr: String((n + 1) * 10).padStart(6, '0'), matnr: item, charg, lfimg: '1' }));
        expect((await postIdoc(inboundDeliveryIdoc({ docnum, vbeln, items }))).body).toMatchObject({ status: 'accepted' });
        const stock = await eventually(async () => {
          const rows = await stockOf(item);
          expect(rows).toHaveLength(batches.length);
          return rows;
        });
        expect(stock.map((row) => Buffer.from(row.batchNumber, 'utf8')).sort((a, b) => Buffer.compare(a, b))).toEqual(batches.map((text) => Buffer.from(text, 'utf8')).sort((a, b) => Buffer.compare(a, b)));
      }),
      { numRuns: 8 },
    );
  });
});

async function findDeadLetter(deadLetterId: string): Promise<DeadLetter> {
  const kafka = createKafka(`e2e-dlq-${run}`);
  const registry = new ContractRegistry();
  const consumer = kafka.consumer({ groupId: `e2e-dlq-${randomUUID()}` });
  const found: DeadLetter[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: deadLetterTopic('sap-idoc-adapter').name, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      // The topic may hold records of other runs; only the one this test caused matters.
      const letter = await registry.decode(deadLetterTopic('sap-idoc-adapter'), message.value).catch(() => undefined);
      if (letter?.deadLetterId === deadLetterId) found.push(letter);
    },
  });
  try {
    return await eventually(() => {
      expect(found).toHaveLength(1);
      return found[0]!;
    }, { timeoutMs: 30_000 });
  } finally {
    await consumer.disconnect();
  }
}
