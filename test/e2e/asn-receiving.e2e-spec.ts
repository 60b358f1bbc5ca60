import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Consumer } from 'kafkajs';
import { Client } from 'pg';
import { Alert, DeadLetter, LotMasterData, TOPICS, TopicContract, deadLetterTopic, lotKey } from '@lotbridge/contracts';
import { withCheckDigit } from '@lotbridge/gs1';
import { LotMovement, warehouse } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { NoticeCloserService } from '../../apps/asn-adapter/src/asn/notice-closer.service';
import { startAsnAdapter } from '../../apps/asn-adapter/src/main';

/**
 * The supplier ASN adapter on the real pipes: despatch advices over HTTP -> asn_adapter (PostgreSQL, outbox) ->
 * lot.master.v1; receipts produced on lot.movements.v1 as any adapter would -> matched against the notice ->
 * discrepancies on alerts.v1 and over HTTP. Every run uses its own ASN numbers, supplier GLN, items and SSCCs.
 */
const run = randomUUID().slice(0, 8);
const digits = String(randomInt(1_000_000, 9_999_999));
const supplierGln = withCheckDigit(`40${digits}000`);
const otherSupplierGln = withCheckDigit(`41${digits}000`);
const sscc = (n: number) => withCheckDigit(`0376${digits}${String(n).padStart(6, '0')}`);
const item = (name: string) => `${name}-${run}`;
const samplesDir = join(__dirname, '..', 'samples', 'asn');
const fixturesDir = join(__dirname, '..', '..', 'libs', 'asn', 'fixtures');
const DEAD_LETTERS = deadLetterTopic('asn-adapter');

/** The project's GS1 XML 3.4 fixture made unique to this run. */
function gs1Notice(asnId: string): string {
  return readFileSync(join(fixturesDir, 'gs1-xml-3.4-despatch-advice.xml'), 'utf8')
    .replace(/DA-70001/g, asnId)
    .replace(/4012345000009/g, supplierGln)
    .replace('037612345000000014', sscc(1))
    .replace('037612345000000021', sscc(2));
}

function ublNotice(asnId: string, supplier: string, unitSscc: string): string {
  return readFileSync(join(fixturesDir, 'ubl-2.1-despatch-advice.xml'), 'utf8').replace('DA-2026-0815', asnId).replace(/4012345000009/g, supplier).replace('037612345000000014', unitSscc);
}

let adapter: INestApplication;
let database: Client;
let producer: ContractProducer;
const registry = new ContractRegistry();
const consumers: Consumer[] = [];
const urlOf = (app: INestApplication) => `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;

async function post(path: string, body?: string | Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${urlOf(adapter)}${path}`, { method: 'POST', headers: { 'content-type': 'application/xml' }, ...(body !== undefined && { body }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get<T>(path: string): Promise<T> {
  return (await (await fetch(`${urlOf(adapter)}${path}`)).json()) as T;
}

/** Everything decoded from a topic since its beginning (other suites' records included: filter by this run's ids). */
async function collect<T>(topic: TopicContract): Promise<T[]> {
  const found: T[] = [];
  const consumer = createKafka(`asn-e2e-${run}`).consumer({ groupId: `asn-e2e-${randomUUID()}` });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic: topic.name, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void found.push((await registry.decode(topic, message.value)) as T) });
  return found;
}

let deadLetters: DeadLetter[];
let alerts: Alert[];
let lotMaster: LotMasterData[];

beforeAll(async () => {
  database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  const kafka = createKafka(`asn-e2e-producer-${run}`);
  await ensureTopics(kafka, [TOPICS.lotMovements, TOPICS.lotMaster, TOPICS.alerts, DEAD_LETTERS]);
  producer = new ContractProducer(kafka, registry);
  await producer.connect();
  adapter = await startAsnAdapter(0, {
    itemMapping: {
      gtin: { '04012345000016': item('SUGAR'), '04012345000023': item('FLOUR') },
      supplierPart: { [supplierGln]: { 'SALT-1KG': item('SALT') }, [otherSupplierGln]: { 'SALT-1KG': item('SALT') }, CO001: { '17589683': 'BEESWAX' } },
    },
    shortAfterMs: 24 * 3_600_000,
    closeSweepMs: 3_600_000,
    groupId: 'asn-adapter',
  });
  [deadLetters, alerts, lotMaster] = await Promise.all([collect<DeadLetter>(DEAD_LETTERS), collect<Alert>(TOPICS.alerts), collect<LotMasterData>(TOPICS.lotMaster)]);
});

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.disconnect()));
  await adapter?.close();
  await producer?.disconnect();
  await database?.end();
});

describe('the real ASN samples of the supported types', () => {
  it.each([
    ['gs1-us-gusi-despatchAdvice-batch-expiry.xml', 'RIT_GUSI_ASN', '00000000789000', 'TESTBATCH', '2017-08-08'],
    ['ubl-DespatchAdvice-2.0-Example.xml', '565899', 'BEESWAX', '546378239', '2010-01-01'],
  ])('%s is accepted (or a duplicate of an earlier run), its batch byte-identical in the answer and on lot.master.v1', async (name, asnId, itemOfLine, batchNumber, expiryDate) => {
    const response = await post('/asns', readFileSync(join(samplesDir, name)));
    expect(response.status).toBe(202);
    expect(['accepted', 'duplicate']).toContain(response.body['status']);
    expect(response.body).toMatchObject({ asnId, lines: [{ item: itemOfLine, batchNumber, expiryDate }] });
    await eventually(() => expect(lotMaster.find((lot) => lot.item === itemOfLine && Buffer.from(lot.batchNumber).equals(Buffer.from(batchNumber)))).toMatchObject({ expiryDate, supplierBatchNumber: batchNumber }), { timeoutMs: 30_000 });
  });
});

describe('bad input: refused with a clear error, raw copy kept, dead letter written', () => {
  const missingBatch = () => gs1Notice(`DA-${run}-nobatch`).replace('<batchNumber>批次-7</batchNumber>', '');
  const unknownItem = () => gs1Notice(`DA-${run}-unknown`).replace('>SALT-1KG<', '>PEPPER-1KG<');
  const billionLaughs = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n<DespatchAdvice>&lol2;</DespatchAdvice>';
  const xxe = '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<DespatchAdvice>&xxe;</DespatchAdvice>';
  const oversize = () => Buffer.concat([Buffer.from('<DespatchAdvice>'), Buffer.alloc(10 * 1024 * 1024, ' '), Buffer.from('</DespatchAdvice>')]);

  it.each<[string, () => string | Buffer, number, string, RegExp]>([
    ['malformed XML', () => `<DespatchAdvice>\n  <cbc:ID>${run}</DespatchAdvice>`, 400, 'ASN.MALFORMED_XML', /^malformed XML at line 2, column \d+/],
    ['an unknown document type (the cXML sample)', () => readFileSync(join(samplesDir, 'cxml-ShipNoticeRequest-complete-Batch-expiry.xml')), 422, 'ASN.UNSUPPORTED_DOCUMENT', /^cXML is not a despatch advice this adapter reads/],
    ['a line without a batch', missingBatch, 422, 'ASN.MISSING_BATCH', /^line 2: no batch number \(transactionalItemData\/batchNumber\)$/],
    ['an unknown item', unknownItem, 422, 'ASN.UNKNOWN_ITEM', new RegExp(`^line 2: supplier part number "PEPPER-1KG" of supplier "${supplierGln}" is not in the item mapping`)],
    ['an oversize document', oversize, 413, 'ASN.TOO_LARGE', /^ASN document is 10485793 bytes, larger than the limit of 10485760 bytes$/],
    ['billion laughs', () => billionLaughs, 400, 'ASN.DOCTYPE_FORBIDDEN', /^ASN XML must not contain a DOCTYPE declaration \(line 2, column 1\): .*billion laughs/],
    ['an external entity (XXE)', () => xxe, 400, 'ASN.DOCTYPE_FORBIDDEN', /^ASN XML must not contain a DOCTYPE declaration \(line 2, column 1\): .*\(XXE\)$/],
  ])('%s', async (_case, body, status, code, message) => {
    const sent = Buffer.from(body());
    const response = await post('/asns', sent);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ status: 'rejected', error: code, code });
    expect(String(response.body['message'])).toMatch(message);

    const kept = await database.query<{ body: Buffer; status: string; error_code: string; error_message: string }>(
      'SELECT body, status, error_code, error_message FROM asn_adapter.inbound_document WHERE id = $1',
      [response.body['documentId']],
    );
    const { body: keptBody, ...keptStatus } = kept.rows[0]!;
    expect(keptStatus).toEqual({ status: 'rejected', error_code: code, error_message: response.body['message'] });
    // Buffer.equals, not toEqual: a deep comparison of 10 MiB byte by byte takes minutes.
    expect(keptBody.equals(sent)).toBe(true);

    const letter = await eventually(() => {
      const found = deadLetters.find((candidate) => candidate.deadLetterId === response.body['deadLetterId']);
      expect(found).toBeDefined();
      return found!;
    }, { timeoutMs: 30_000 });
    expect(letter).toMatchObject({ service: 'asn-adapter', reasonCode: code, rawDocumentRef: `asn-adapter/inbound_document/${String(response.body['documentId'])}` });
    expect(letter.reason.startsWith(String(response.body['message']))).toBe(true);
    expect(Buffer.from(letter.originalValue ?? []).equals(sent.subarray(0, 512 * 1024))).toBe(true);
  });

  it('keeps serving after all that', async () => {
    expect((await fetch(`${urlOf(adapter)}/discrepancies?asnKey=1`)).status).toBe(200);
  });
});

describe('sender retries', () => {
  it('the same notice twice: the second is a duplicate naming the first, nothing is stored or published twice', async () => {
    const asnId = `DA-${run}-retry`;
    // another supplier, so that this notice (left open) never competes with the receiving tests' notices
    const notice = ublNotice(asnId, otherSupplierGln, sscc(4));
    const first = await post('/asns', notice);
    expect(first).toMatchObject({ status: 202, body: { status: 'accepted', asnId } });
    const again = await post('/asns', notice);
    expect(again).toMatchObject({ status: 202, body: { status: 'duplicate', asnId, asnKey: first.body['asnKey'], duplicateOf: first.body['documentId'] } });

    const notices = await database.query('SELECT count(*)::int AS n FROM asn_adapter.asn WHERE asn_id = $1 AND supplier = $2', [asnId, otherSupplierGln]);
    expect(notices.rows[0]).toEqual({ n: 1 });
    const published = await database.query("SELECT count(*)::int AS n FROM asn_adapter.outbox_message WHERE message_id LIKE $1", [`lot-master|ASN:${otherSupplierGln}|${asnId}|%`]);
    expect(published.rows[0]).toEqual({ n: 2 });
  });
});

describe('receiving matched against the notice', () => {
  const location = warehouse('DE01', 'MAIN');
  let sequence = 0;
  function receipt(itemName: string, batchNumber: string, quantity: string, unit: string, extra: { sscc?: string; document?: string; from?: string } = {}): LotMovement {
    sequence += 1;
    return {
      movementId: `TEST:${run}|GR-${sequence}|1|receipt`,
      kind: 'receipt',
      item: item(itemName),
      batchNumber,
      quantity,
      unit,
      from: { kind: 'supplier', code: extra.from ?? 'V-100' },
      to: location,
      occurredAt: new Date().toISOString(),
      source: { system: `TEST:${run}`, document: extra.document ?? `GR-${run}-${sequence}`, line: '1' },
      ...(extra.sscc !== undefined && { sscc: extra.sscc }),
    };
  }
  const publish = (...movements: LotMovement[]) => producer.send(TOPICS.lotMovements, movements.map((m) => ({ key: lotKey(m.item, m.batchNumber), messageId: m.movementId, value: toMovementContract(m) })));

  interface Line { lineNumber: string; item: string; batchNumber: string; quantity: string; received: string }
  interface Found { kind: string; lineNumber: string | null; item: string; batchNumber: string; expected: string | null; received: string; detail: string }
  const notice = (key: string) => get<{ status: string; lines: Line[]; discrepancies: Found[] }>(`/asns/${key}`);

  it('GS1 notice in, receipts from SSCC scan and goods receipt: over, wrong lot and unexpected lot reported at once, short when closed', async () => {
    const asnId = `DA-${run}-gs1`;
    const accepted = await post('/asns', gs1Notice(asnId));
    expect(accepted).toMatchObject({ status: 202, body: { status: 'accepted', format: 'GS1_XML_3', supplier: supplierGln } });
    const asnKey = String(accepted.body['asnKey']);

    const bySscc = receipt('SUGAR', '  L-0012 ', '300', 'KGM', { sscc: sscc(1) });
    await publish(
      bySscc,
      receipt('SUGAR', '  L-0012 ', '250', 'KGM', { document: asnId }),
      receipt('SALT', '批次-8', '48', 'H87', { from: supplierGln }),
      receipt('PEPPER', 'P1', '5', 'KGM', { from: supplierGln }),
      receipt('UNRELATED', 'U1', '1', 'KGM', { from: 'V-999' }),
    );
    await publish(bySscc); // redelivered: counted once

    const matched = await eventually(async () => {
      const current = await notice(asnKey);
      expect(current.discrepancies.map((d) => d.kind).sort()).toEqual(['over', 'unexpected-lot', 'wrong-lot']);
      return current;
    }, { timeoutMs: 60_000 });
    expect(matched.status).toBe('open');
    expect(matched.lines.map((line) => [line.lineNumber, line.item, line.batchNumber, line.quantity, line.received])).toEqual([
      ['1', item('SUGAR'), '  L-0012 ', '500', '550'],
      ['2', item('SALT'), '批次-7', '48', '0'],
      ['3', item('FLOUR'), '0000012345', '12.5', '0'],
    ]);
    expect(matched.discrepancies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'over', lineNumber: '1', item: item('SUGAR'), batchNumber: '  L-0012 ', expected: '500', received: '550' }),
        expect.objectContaining({ kind: 'wrong-lot', item: item('SALT'), batchNumber: '批次-8', received: '48', detail: expect.stringContaining('"批次-7"') }),
        expect.objectContaining({ kind: 'unexpected-lot', item: item('PEPPER'), batchNumber: 'P1', received: '5' }),
      ]),
    );

    const closed = await post(`/asns/${asnKey}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body['status']).toBe('closed');
    const shorts = (closed.body['discrepancies'] as Found[]).filter((d) => d.kind === 'short').map((d) => [d.lineNumber, d.expected, d.received]);
    expect(shorts).toEqual([
      ['2', '48', '0'],
      ['3', '12.5', '0'],
    ]);

    await eventually(() => {
      const mine = alerts.filter((alert) => alert.service === 'asn-adapter' && alert.item !== null && alert.item.endsWith(run));
      expect(mine.map((alert) => alert.kind).sort()).toEqual(['ASN.OVER_RECEIPT', 'ASN.SHORT_RECEIPT', 'ASN.SHORT_RECEIPT', 'ASN.UNEXPECTED_LOT', 'ASN.WRONG_LOT']);
      expect(mine.find((alert) => alert.kind === 'ASN.OVER_RECEIPT')).toMatchObject({ state: 'RAISED', batchNumber: '  L-0012 ', location: 'warehouse:DE01/MAIN' });
    }, { timeoutMs: 30_000 });

    const listed = await get<Found[]>(`/discrepancies?asnKey=${asnKey}`);
    expect(listed).toHaveLength(5);
  });

  it('UBL notice: a receipt of exactly the announced lot is no discrepancy; the line never received is short at closing', async () => {
    const asnId = `DA-${run}-ubl`;
    const accepted = await post('/asns', ublNotice(asnId, supplierGln, sscc(3)));
    expect(accepted.body).toMatchObject({ status: 'accepted', format: 'UBL_2' });
    const asnKey = String(accepted.body['asnKey']);
    await publish(receipt('SUGAR', 'ab-12 & co', '250.5', 'KGM', { sscc: sscc(3) }));
    await eventually(async () => expect((await notice(asnKey)).lines.map((line) => line.received)).toEqual(['250.5', '0']), { timeoutMs: 60_000 });

    const closed = await post(`/asns/${asnKey}/close`);
    expect((closed.body['discrepancies'] as Found[]).map((d) => [d.kind, d.lineNumber, d.batchNumber])).toEqual([['short', '20', '000777']]);
    expect((await post(`/asns/${asnKey}/close`)).body['status']).toBe('closed');
  });

  it('a notice nobody closes is closed after the grace period, and its short lines are reported then', async () => {
    const accepted = await post('/asns', ublNotice(`DA-${run}-grace`, supplierGln, sscc(5)));
    const asnKey = String(accepted.body['asnKey']);
    await publish(receipt('SUGAR', 'ab-12 & co', '200', 'KGM', { sscc: sscc(5) }));
    await eventually(async () => expect((await notice(asnKey)).lines.map((line) => line.received)).toEqual(['200', '0']), { timeoutMs: 60_000 });
    expect((await notice(asnKey)).discrepancies).toEqual([]);

    await database.query("UPDATE asn_adapter.asn SET close_after = now() - interval '1 second' WHERE id = $1", [asnKey]);
    expect(await adapter.get(NoticeCloserService).closeOverdue()).toBeGreaterThanOrEqual(1);
    const closed = await get<{ status: string; closedBy: string; discrepancies: Found[] }>(`/asns/${asnKey}`);
    expect(closed).toMatchObject({ status: 'closed', closedBy: 'grace-period' });
    expect(closed.discrepancies.map((d) => [d.kind, d.lineNumber, d.expected, d.received])).toEqual([
      ['short', '10', '250.5', '200'],
      ['short', '20', '48', '0'],
    ]);
  });
});
