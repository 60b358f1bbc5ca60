import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { XMLParser } from 'fast-xml-parser';
import { Client } from 'pg';
import { DeadLetter, TOPICS, deadLetterTopic, lotKey } from '@lotbridge/contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { startInventoryService } from '../../apps/inventory-service/src/main';
import { startSapIdocAdapter } from '../../apps/sap-idoc-adapter/src/main';

/**
 * The SAP adapter over the real pipes, for every inbound IDoc type it reads (goods movements, batch master, deliveries)
 * and everything it sends back (ALEAUD acknowledgements, BATMAS batch status), with a local HTTP server standing in
 * for SAP. Every run uses its own IDoc numbers, materials and batches, so runs and other suites never see each other.
 */
const run = randomUUID().slice(0, 8);
const fixtures = join(__dirname, '..', '..', 'libs', 'sap-idoc', 'fixtures');
let counter = 0;
const docnum = () => `9${run.replace(/[^0-9]/g, '').padEnd(8, '7').slice(0, 8)}${String(++counter).padStart(7, '0')}`;
const material = (name: string) => `M-${run}-${name}`;

/** A project fixture with this run's IDoc number and materials (batch numbers untouched). */
function fixture(name: string, number = docnum()): string {
  return readFileSync(join(fixtures, name), 'utf8')
    .replace(/<DOCNUM>\d+<\/DOCNUM>/, `<DOCNUM>${number}</DOCNUM>`)
    .replace(/000000000000(47\d\d00)/g, (_, m: string) => material(m));
}

interface Received {
  path: string;
  body: string;
}
/**
 * SAP's IDoc HTTP inbound, as a local server: records every body it accepts; answers 500 to the first `failFirst`
 * calls, and misbehaves as `trouble` says for chosen bodies (500, or no answer at all so the sender times out).
 */
class FakeSap {
  readonly received: Received[] = [];
  failures = 0;
  trouble: (body: string) => 'fail' | 'hang' | undefined = () => undefined;
  private readonly server: Server;
  constructor(public failFirst = 0) {
    this.server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const trouble = this.trouble(body);
        if (trouble === 'hang') return;
        if (this.failures < this.failFirst || trouble === 'fail') {
          if (trouble !== 'fail') this.failures += 1;
          response.writeHead(500).end('temporarily unavailable');
          return;
        }
        this.received.push({ path: request.url ?? '', body });
        response.writeHead(200).end();
      });
    });
  }
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** An IDoc-XML document as nested objects (values as written: no trimming, no numbers). */
type XmlNode = { [name: string]: XmlNode } | string;
const xmlReader = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, ignoreDeclaration: true });
function parseIdocXml(xml: string): XmlNode {
  return xmlReader.parse(xml) as XmlNode;
}
/** field(doc, 'ALEAUD01', 'IDOC', ...) -> the text of that element ('' for an empty one). */
function field(node: XmlNode | undefined, ...path: string[]): string | undefined {
  let here: XmlNode | undefined = node;
  for (const name of path) here = typeof here === 'object' ? here[name] : undefined;
  return here === undefined ? undefined : typeof here === 'string' ? here : '';
}

let adapter: INestApplication;
let inventory: INestApplication;
let database: Client;
let sap: FakeSap;
let dropDir: string;
const urlOf = (app: INestApplication) => `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;

async function post(xml: string | Buffer, accept = 'application/json'): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const response = await fetch(`${urlOf(adapter)}/idocs`, { method: 'POST', headers: { 'content-type': 'application/xml', accept }, body: xml });
  const text = await response.text();
  return { status: response.status, text, body: accept.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function stockOf(item: string): Promise<Array<[string, string, string]>> {
  const response = await fetch(`${urlOf(inventory)}/stock?item=${encodeURIComponent(item)}&includeVirtual=true`);
  const rows = (await response.json()) as Array<{ batchNumber: string; locationKey: string; onHand: string }>;
  return rows.map((row) => [row.batchNumber, row.locationKey, row.onHand]);
}

beforeAll(async () => {
  database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  sap = new FakeSap(2);
  const sapUrl = await sap.start();
  dropDir = mkdtempSync(join(tmpdir(), `lotbridge-drop-${run}-`));
  adapter = await startSapIdocAdapter(0, {
    ackUrl: `${sapUrl}/ack`,
    batchStatusUrl: `${sapUrl}/batmas`,
    outboundRetryBaseMs: 50,
    outboundTimeoutMs: 2000,
    dropDir,
    dropIntervalMs: 200,
    dropSettleMs: 50,
  });
  inventory = await startInventoryService(0);
});

afterAll(async () => {
  await inventory?.close();
  await adapter?.close();
  await sap?.stop();
  await database?.end();
});

describe('goods movements (MBGMCR03) into inventory stock', () => {
  it('every movement type of the fixture lands at the right locations; posted twice, counted once; batches byte for byte', async () => {
    const number = docnum();
    const xml = fixture('mbgmcr03-movement-types.xml', number);
    const first = await post(xml);
    expect(first).toMatchObject({ status: 202, body: { status: 'accepted', messageType: 'MBGMCR', idocType: 'MBGMCR03', idocNumber: number } });
    expect((first.body['movements'] as unknown[]).length).toBe(13);
    expect(await post(xml)).toMatchObject({ status: 202, body: { status: 'duplicate' } });

    await eventually(async () => {
      expect(await stockOf(material('471100'))).toEqual(
        expect.arrayContaining([
          ['0000012345', 'warehouse:DE01/MAIN', '38.05'],
          ['0000012345', 'warehouse:DE02/RAW', '10'],
          ['0000012345', 'warehouse:DE01/COLD', '6'],
          ['0000012345', 'production:000001000042', '38.5'],
          ['0000012345', 'scrap:DE01', '0.25'],
        ]),
      );
      expect(await stockOf(material('471300'))).toEqual(
        expect.arrayContaining([
          ['FG-2025-03 ', 'warehouse:DE01/FG01', '26'],
          ['FG-2025-03 ', 'warehouse:DE01/RET', '1'],
          ['FG-2025-03 ', 'in-transit:0000300777/0080001234', '12'],
        ]),
      );
    });
  });

  it('WMMBXY (WMMBID02) and BATMAS03 are taken too', async () => {
    const wmmbxy = await post(fixture('wmmbid02-receipt-transfer.xml'));
    expect(wmmbxy.body).toMatchObject({ status: 'accepted', messageType: 'WMMBXY' });
    const batmas = await post(fixture('batmas03-batch.xml'));
    expect(batmas.body).toMatchObject({
      status: 'accepted',
      messageType: 'BATMAS',
      lots: [{ item: material('471100'), batchNumber: '0000012345', expiryDate: '2027-01-31', productionDate: '2025-03-01', supplierBatchNumber: 'SUP-77/a' }],
    });
    await eventually(async () => expect(await stockOf(material('471200'))).toEqual(expect.arrayContaining([['ab12-x', 'warehouse:DE01/0001', '20'], ['ab12-x', 'warehouse:DE01/0002', '4']])));
  });
});

describe('status back to SAP', () => {
  it('Accept: application/xml answers with the ALEAUD01 acknowledgement: 53 when posted, 51 with the error text when not', async () => {
    const number = docnum();
    const posted = await post(fixture('wmmbid02-receipt-transfer.xml', number), 'application/xml');
    expect(posted.status).toBe(202);
    const ack = parseIdocXml(posted.text);
    expect(field(ack, 'ALEAUD01', 'IDOC', 'EDI_DC40', 'IDOCTYP')).toBe('ALEAUD01');
    expect(field(ack, 'ALEAUD01', 'IDOC', 'E1ADHDR', 'MESTYP')).toBe('WMMBXY');
    expect(field(ack, 'ALEAUD01', 'IDOC', 'E1ADHDR', 'E1STATE', 'DOCNUM')).toBe(number);
    expect(field(ack, 'ALEAUD01', 'IDOC', 'E1ADHDR', 'E1STATE', 'STATUS')).toBe('53');

    const bad = fixture('mbgmcr03-movement-types.xml').replace('<MOVE_TYPE>551</MOVE_TYPE>', '<MOVE_TYPE>999</MOVE_TYPE>');
    const refused = await post(bad, 'application/xml');
    expect(refused.status).toBe(422);
    const error = parseIdocXml(refused.text);
    expect(field(error, 'ALEAUD01', 'IDOC', 'E1ADHDR', 'E1STATE', 'STATUS')).toBe('51');
    expect(field(error, 'ALEAUD01', 'IDOC', 'E1ADHDR', 'E1STATE', 'STACOD')).toBe('IDOC.UNSUPPORTED_MOVEMENT_TYPE');
    expect(field(error, 'ALEAUD01', 'IDOC', 'E1ADHDR', 'E1STATE', 'STATXT')).toContain('IDOC.UNSUPPORTED_MOVEMENT_TYPE: E1BP2017');
  });

  it('every IDoc is acknowledged to SAP_ACK_URL through the outbound queue, also when SAP fails at first (retry with backoff)', async () => {
    const number = docnum();
    expect((await post(fixture('batmas03-batch.xml', number))).body).toMatchObject({ status: 'accepted' });
    const sent = await eventually(() => {
      const ack = sap.received.filter((r) => r.path === '/ack').map((r) => parseIdocXml(r.body)).find((a) => field(a, 'ALEAUD01', 'IDOC', 'E1ADHDR', 'E1STATE', 'DOCNUM') === number);
      expect(ack).toBeDefined();
      return ack;
    });
    expect(field(sent, 'ALEAUD01', 'IDOC', 'E1ADHDR', 'E1STATE', 'STATUS')).toBe('53');
    expect(sap.failures).toBe(2);
    // The row is marked sent in the transaction that sent it, which commits just after SAP answered.
    await eventually(async () => {
      const row = await database.query("SELECT status FROM sap_idoc_adapter.sap_outbound_message WHERE kind = 'ALEAUD' AND payload->'ack'->>'docnum' = $1", [number]);
      expect(row.rows).toEqual([{ status: 'sent' }]);
    });
  });

  it('lot status changes on lot.status.v1 become BATMAS03 batch status updates, in order, batch numbers byte for byte', async () => {
    const kafka = createKafka(`e2e-status-${run}`);
    const producer = new ContractProducer(kafka, new ContractRegistry());
    await producer.connect();
    await ensureTopics(kafka, [TOPICS.lotStatus]);
    const item = material('STATUS');
    const batchNumber = ` <b&"批次'> ${run} `;
    const change = (status: 'ON_HOLD' | 'RELEASED' | 'RECALLED', n: number) => ({
      changeId: `${run}-${n}`,
      item,
      batchNumber,
      status,
      previousStatus: null,
      reason: 'e2e',
      changedBy: 'e2e',
      changedAt: new Date().toISOString(),
      holdId: null,
    });
    // SAP times out on the hold once and then refuses it twice: the release behind it must wait, not overtake it.
    let troubles = 0;
    sap.trouble = (body) => {
      if (!body.includes(run) || !body.includes('<RESTRICTED>X</RESTRICTED>') || troubles >= 3) return undefined;
      troubles += 1;
      return troubles === 1 ? 'hang' : 'fail';
    };
    try {
      const changes = [change('ON_HOLD', 1), change('RELEASED', 2), change('RECALLED', 3), change('RECALLED', 3)];
      for (const value of changes) await producer.send(TOPICS.lotStatus, [{ key: lotKey(item, batchNumber), messageId: value.changeId, value }]);
    } finally {
      await producer.disconnect();
    }
    const updates = await eventually(
      () => {
        const mine = sap.received.filter((r) => r.path === '/batmas').map((r) => parseIdocXml(r.body)).filter((b) => (field(b, 'BATMAS03', 'IDOC', 'E1BATMAS', 'MATERIAL') ?? field(b, 'BATMAS03', 'IDOC', 'E1BATMAS', 'MATERIAL_LONG')) === item);
        expect(mine).toHaveLength(3);
        return mine;
      },
      { timeoutMs: 60_000 },
    );
    expect(updates.map((b) => [field(b, 'BATMAS03', 'IDOC', 'E1BATMAS', 'BATCH'), field(b, 'BATMAS03', 'IDOC', 'E1BATMAS', 'E1BPBATCHSTATUS', 'RESTRICTED')])).toEqual([
      [batchNumber, 'X'],
      [batchNumber, ''],
      [batchNumber, 'X'],
    ]);
    expect(troubles).toBe(3);
    // Each row is marked sent just after SAP answered.
    await eventually(async () => {
      const rows = await database.query("SELECT payload->>'changeId' AS change, status, attempts FROM sap_idoc_adapter.sap_outbound_message WHERE kind = 'BATMAS' AND payload->>'changeId' LIKE $1 ORDER BY id", [`${run}-%`]);
      expect(rows.rows).toEqual([
      { change: `${run}-1`, status: 'sent', attempts: 4 },
      { change: `${run}-2`, status: 'sent', attempts: 1 },
      { change: `${run}-3`, status: 'sent', attempts: 1 },
      ]);
    });
  });
});

describe('drop folder', () => {
  it('a good file moves to processed/, a bad one to rejected/ with an .error.json naming the problem', async () => {
    writeFileSync(join(dropDir, `good-${run}.xml`), fixture('batmas03-batch.xml'));
    writeFileSync(join(dropDir, `bad-${run}.xml`), '<BATMAS03><IDOC><EDI_DC40></IDOC></BATMAS03>');
    await eventually(() => {
      expect(existsSync(join(dropDir, 'processed', `good-${run}.xml`))).toBe(true);
      expect(existsSync(join(dropDir, 'rejected', `bad-${run}.xml`))).toBe(true);
    });
    const error = JSON.parse(readFileSync(join(dropDir, 'rejected', `bad-${run}.xml.error.json`), 'utf8')) as Record<string, string>;
    expect(error).toMatchObject({ file: `bad-${run}.xml`, error: 'IDOC.MALFORMED_XML' });
    expect(error['message']).toMatch(/line 1, column \d+/);
    const kept = await database.query('SELECT status, error_code FROM sap_idoc_adapter.inbound_document WHERE id = $1', [error['documentId']]);
    expect(kept.rows[0]).toEqual({ status: 'rejected', error_code: 'IDOC.MALFORMED_XML' });
    expect(readdirSync(dropDir).filter((name) => name.includes(run))).toEqual([]);
  });
});

describe('bad input: error text, kept raw copy, dead letter, and the adapter keeps serving', () => {
  const noBatch = () => fixture('batmas03-batch.xml').replace('<BATCH>0000012345</BATCH>', '');
  const cases: Array<[string, () => string | Buffer, number, string, RegExp]> = [
    ['malformed XML', () => '<MBGMCR03><IDOC><EDI_DC40><DOCNUM>1</DOCNUM></EDI_DC40></MBGMCR03>', 400, 'IDOC.MALFORMED_XML', /malformed XML at line 1, column \d+/],
    ['unknown IDoc type', () => fixture('batmas03-batch.xml').replace(/BATMAS03/g, 'CLFMAS02').replace('<MESTYP>BATMAS', '<MESTYP>CLFMAS'), 422, 'IDOC.UNSUPPORTED_TYPE', /unsupported IDoc type CLFMAS02 \(expected one of DESADV.DELVRY03/],
    ['missing batch', noBatch, 422, 'IDOC.MISSING_FIELD', /^E1BATMAS: BATCH is missing/],
    ['unmapped movement type', () => fixture('wmmbid02-receipt-transfer.xml').replace('<BWART>311</BWART>', '<BWART>309</BWART>'), 422, 'IDOC.UNSUPPORTED_MOVEMENT_TYPE', /E1MBXYI item 0002: movement type "309" is not mapped/],
    ['oversize', () => Buffer.concat([Buffer.from(fixture('batmas03-batch.xml').replace('</BATMAS03>', '')), Buffer.alloc(10 * 1024 * 1024 + 512 * 1024, ' '), Buffer.from('</BATMAS03>')]), 413, 'IDOC.TOO_LARGE', /larger than the limit of 10485760 bytes/],
    ['billion laughs', () => `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><BATMAS03>&lol2;</BATMAS03>`, 400, 'IDOC.DOCTYPE_FORBIDDEN', /DOCTYPE declaration \(line 1, column \d+\).*billion laughs/],
    ['XXE', () => `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><BATMAS03><IDOC>&xxe;</IDOC></BATMAS03>`, 400, 'IDOC.DOCTYPE_FORBIDDEN', /XXE/],
  ];

  it.each(cases)('%s', async (_name, body, status, code, message) => {
    const bytes = Buffer.from(body());
    const response = await post(bytes);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ status: 'rejected', error: code, code, acknowledgement: { status: '51', code } });
    expect(String(response.body['message'])).toMatch(message);
    const kept = await database.query('SELECT body, status, error_code, error_message FROM sap_idoc_adapter.inbound_document WHERE id = $1', [response.body['documentId']]);
    const { body: keptBody, ...keptStatus } = kept.rows[0] as { body: Buffer };
    expect(keptStatus).toEqual({ status: 'rejected', error_code: code, error_message: response.body['message'] });
    // Buffer.compare, not toEqual: jest compares a 10 MiB buffer element by element for minutes.
    expect(Buffer.compare(keptBody, bytes)).toBe(0);
    const letter = await findDeadLetter(String(response.body['deadLetterId']));
    expect(letter).toMatchObject({ service: 'sap-idoc-adapter', reasonCode: code, rawDocumentRef: `sap-idoc-adapter/inbound_document/${String(response.body['documentId'])}` });
    expect(Buffer.compare(letter.originalValue ?? Buffer.alloc(0), bytes.subarray(0, 512 * 1024))).toBe(0);
    // Still serving.
    expect((await post(fixture('batmas03-batch.xml'))).body).toMatchObject({ status: 'accepted' });
  });
});

async function findDeadLetter(deadLetterId: string): Promise<DeadLetter> {
  const kafka = createKafka(`e2e-sap-dlq-${run}`);
  const registry = new ContractRegistry();
  const consumer = kafka.consumer({ groupId: `e2e-sap-dlq-${randomUUID()}` });
  const found: DeadLetter[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: deadLetterTopic('sap-idoc-adapter').name, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const letter = await registry.decode(deadLetterTopic('sap-idoc-adapter'), message.value).catch(() => undefined);
      if (letter?.deadLetterId === deadLetterId) found.push(letter);
    },
  });
  try {
    return await eventually(() => {
      expect(found).toHaveLength(1);
      return found[0] as DeadLetter;
    }, { timeoutMs: 30_000 });
  } finally {
    await consumer.disconnect();
  }
}
