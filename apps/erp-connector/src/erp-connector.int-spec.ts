import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DeadLetter, TOPICS, deadLetterTopic, lotKey } from '@lotbridge/contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { erpConfigFromEnv } from './erp.config';
import { startErpConnector } from './main';
import { OutboundStatusService } from './outbound/outbound-status.service';
import { ErpPullService } from './pull/erp-pull.service';

/**
 * The connector against real PostgreSQL, Kafka and registry, and against local HTTP servers that play Kingdee and
 * Yonyou (replaying realistic answers, slow, failing, malformed and duplicate ones). Accounts, bills and items are
 * unique per run, so runs and other suites never see each other's documents.
 */
const run = randomUUID().slice(0, 8);
const KINGDEE_ACCOUNT = `K${run}`;
const YONYOU_ACCOUNT = `Y${run}`;
const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'libs', 'erp-documents', 'fixtures', name), 'utf8');

type Handler = (request: { path: string; body: Record<string, unknown>; query: URLSearchParams }) => Promise<{ status?: number; body: string; delayMs?: number }> | { status?: number; body: string; delayMs?: number };

/** A local HTTP server standing in for an ERP: `handler` answers; `hits` counts the requests that reached it. */
class FakeErp {
  handler: Handler = () => ({ body: '[]' });
  hits = 0;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.hits += 1;
        const url = new URL(request.url ?? '/', 'http://erp');
        const text = Buffer.concat(chunks).toString('utf8');
        void Promise.resolve(this.handler({ path: url.pathname, query: url.searchParams, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} })).then(async (answer) => {
          if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
          if (response.destroyed) return;
          response.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
          response.end(answer.body);
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/k3cloud/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const kingdee = new FakeErp();
const yonyou = new FakeErp();
let app: INestApplication;
let baseUrl: string;
let database: Client;
const deadLetters: DeadLetter[] = [];
let stopDeadLetters: () => Promise<void>;

async function post(path: string, body: string | Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function putItem(erp: string, code: string, item: string, unit?: string): Promise<void> {
  const response = await fetch(`${baseUrl}/erp-items/${erp}/${encodeURIComponent(code)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ item, unit }) });
  expect(response.status).toBe(200);
}

const item = (code: string) => `ITEM-${run}-${code}`;

beforeAll(async () => {
  database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  const config = {
    ...erpConfigFromEnv(),
    kingdee: { account: KINGDEE_ACCOUNT, timeZone: 'Asia/Shanghai', baseUrl: await kingdee.start() },
    yonyou: { account: YONYOU_ACCOUNT, timeZone: 'Asia/Shanghai', baseUrl: (await yonyou.start()).replace('/k3cloud/', '/') },
    pollIntervalMs: 0,
    outboundIntervalMs: 0,
    timeoutMs: 300,
    breakerResetMs: 800,
    breakerWindowMs: 1_000,
    backoffBaseMs: 20,
    backoffMaxMs: 5_000,
    pageSize: 2,
    maxDocumentBytes: 64 * 1024,
    groupId: `erp-connector-${run}`,
  };
  app = await startErpConnector(0, config);
  baseUrl = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  for (const code of ['1.01.001', '1.01.002', '3.01.100']) await putItem('kingdee', code, item(code));
  await putItem('yonyou', '010203', item('010203'), 'KG');
  await putItem('yonyou', '010204', item('010204'), 'KG');
  stopDeadLetters = await collectDeadLetters();
});

afterAll(async () => {
  await stopDeadLetters?.();
  await app?.close();
  await kingdee.stop();
  await yonyou.stop();
  await database?.end();
});

/** A Kingdee fixture with the bill number made unique to this run. */
const kingdeeBill = (name: string, bill: string) => fixture(name).replace(/"FBillNo":"[^"]*"/, `"FBillNo":"${bill}"`);
const yonyouVoucher = (name: string, code: string) => fixture(name).replace(/"cCode":"[^"]*"/, `"cCode":"${code}"`);

async function kept(documentId: unknown): Promise<{ body: Buffer; status: string; error_code: string | null; movement_count: number | null }> {
  const rows = await database.query('SELECT body, status, error_code, movement_count FROM erp_connector.inbound_document WHERE id = $1', [documentId]);
  return rows.rows[0] as { body: Buffer; status: string; error_code: string | null; movement_count: number | null };
}

describe('push: the ERPs post their own documents', () => {
  it('Kingdee STK_InStock: answered the Kingdee way, kept, movements written; the same bill again is a duplicate', async () => {
    const bill = `CGRK-${run}`;
    const body = kingdeeBill('kingdee-STK_InStock.json', bill);
    const first = await post('/kingdee/STK_InStock', body);
    expect(first.status).toBe(200);
    expect(first.body['Result']).toMatchObject({ ResponseStatus: { IsSuccess: true, ErrorCode: 0, Errors: [], SuccessEntitys: [{ Number: bill, DIndex: 0 }] }, Number: bill });
    const lotbridge = first.body['Lotbridge'] as { documentId: string; movements: Array<{ batchNumber: string; quantity: string }> };
    expect(lotbridge.movements.map((m) => [m.batchNumber, m.quantity])).toEqual([['L240520-A', '120'], ['批次-001 ', '12.3']]);
    expect(await kept(lotbridge.documentId)).toEqual({ body: Buffer.from(body), status: 'accepted', error_code: null, movement_count: 2 });

    const again = await post('/kingdee/STK_InStock', body);
    expect(again.body['Result']).toMatchObject({ ResponseStatus: { IsSuccess: true, SuccessMessages: [{ Message: expect.stringContaining(`duplicate of document ${lotbridge.documentId}`) }] } });
    expect((await kept((again.body['Lotbridge'] as { documentId: string }).documentId)).status).toBe('duplicate');
  });

  it('Yonyou rdrecord01: answered the U8 OpenAPI way (errcode "0"), unit from the item catalogue', async () => {
    const code = `R${run}`;
    const answer = await post('/yonyou/rdrecord01', yonyouVoucher('yonyou-rdrecord01.json', code));
    expect(answer).toMatchObject({ status: 200, body: { errcode: '0', errmsg: '', tradeid: code, status: 'accepted' } });
    expect(answer.body['movements']).toEqual([
      { movementId: `YONYOU:${YONYOU_ACCOUNT}|${code}|1000004567|receipt`, item: item('010203'), batchNumber: 'B2405-77', quantity: '250', unit: 'KG' },
      { movementId: `YONYOU:${YONYOU_ACCOUNT}|${code}|1000004568|receipt`, item: item('010204'), batchNumber: '0000123', quantity: '12.5', unit: 'KG' },
    ]);
  });

  const kingdeeRefusal = (result: { body: Record<string, unknown> }) => {
    const status = (result.body['Result'] as { ResponseStatus: { IsSuccess: boolean; Errors: Array<{ Message: string }> } }).ResponseStatus;
    expect(status.IsSuccess).toBe(false);
    return { ...(result.body['Lotbridge'] as { code: string; message: string; documentId: string; deadLetterId: string }), errorText: status.Errors[0]?.Message };
  };

  it.each([
    ['malformed JSON', 'kingdee', 'STK_InStock', () => '{"Model":{"FBillNo":"X",}', 'JSON.MALFORMED', /Kingdee STK_InStock document is not well-formed JSON/],
    ['unknown document type', 'kingdee', 'STK_OutStock', () => kingdeeBill('kingdee-STK_InStock.json', `U-${run}`), 'ERP.UNKNOWN_DOCUMENT_TYPE', /Kingdee form "STK_OutStock" is not a lot-moving document/],
    ['missing batch', 'kingdee', 'STK_InStock', () => kingdeeBill('kingdee-STK_InStock.json', `MB-${run}`).replace('{"FNumber":"L240520-A"}', '{"FNumber":" "}'), 'ERP.MISSING_BATCH', /line 100456: item "1.01.001" has no batch number/],
    ['unknown item', 'kingdee', 'STK_InStock', () => kingdeeBill('kingdee-STK_InStock.json', `UI-${run}`).replace('1.01.002', '9.99.999'), 'ERP.UNKNOWN_ITEM', /item "9.99.999" is not in the kingdee item catalogue/],
    ['oversize', 'kingdee', 'STK_InStock', () => `{"Model":{"FBillNo":"${'X'.repeat(70 * 1024)}"}}`, 'JSON.TOO_LARGE', /larger than the limit of 65536 bytes/],
    ['prototype poisoning', 'kingdee', 'STK_InStock', () => '{"Model":{"FBillNo":"P","__proto__":{"polluted":true}}}', 'JSON.FORBIDDEN_KEY', /forbidden "__proto__"/],
  ])('Kingdee, %s: IsSuccess false naming the problem, raw copy kept, dead letter on Kafka', async (_name, _erp, form, body, code, text) => {
    const sent = body();
    const refusal = kingdeeRefusal(await post(`/kingdee/${form}`, sent));
    expect(refusal.code).toBe(code);
    expect(refusal.message).toMatch(text);
    expect(refusal.errorText).toBe(`${code}: ${refusal.message}`);
    expect(await kept(refusal.documentId)).toEqual({ body: Buffer.from(sent), status: 'rejected', error_code: code, movement_count: null });
    const letter = await eventually(() => {
      const found = deadLetters.find((candidate) => candidate.deadLetterId === refusal.deadLetterId);
      expect(found).toBeDefined();
      return found!;
    }, { timeoutMs: 30_000 });
    expect(letter).toMatchObject({ service: 'erp-connector', reasonCode: code, rawDocumentRef: `erp-connector/inbound_document/${refusal.documentId}` });
    expect(Buffer.from(letter.originalValue ?? Buffer.alloc(0))).toEqual(Buffer.from(sent).subarray(0, 512 * 1024));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('Yonyou, missing batch: errcode 20001 naming the problem, kept, dead letter', async () => {
    const sent = yonyouVoucher('yonyou-rdrecord01.json', `NB${run}`).replace('"cBatch":"0000123",', '');
    const answer = await post('/yonyou/rdrecord01', sent);
    expect(answer.body).toMatchObject({ errcode: '20001', code: 'ERP.MISSING_BATCH', status: 'rejected' });
    expect(String(answer.body['errmsg'])).toBe(`ERP.MISSING_BATCH: Yonyou rdrecord01 NB${run} line 1000004568: item "010204" has no batch number`);
    expect((await kept(answer.body['documentId'])).status).toBe('rejected');
    await eventually(() => expect(deadLetters.some((letter) => letter.deadLetterId === answer.body['deadLetterId'])).toBe(true), { timeoutMs: 30_000 });
  });
});

describe('pull: polling the ERPs through a circuit breaker', () => {
  const pull = () => app.get(ErpPullService);

  it('Kingdee: audited bills after the cursor are taken in once; a bill pushed before and pulled now is a duplicate', async () => {
    const bill = `PULL-${run}`;
    const pushed = `CGRK-${run}`; // pushed by the first push test
    const rows = [
      [pushed, '2024-05-20T00:00:00', '2024-05-20T14:03:11.27', '100', 'VEN001', 100456, '1.01.001', 'Pcs', 'L240520-A', 120, 'CK001', 'S-7781', '2024-05-01T00:00:00', '2026-04-30T00:00:00'],
      [bill, '2024-05-21T00:00:00', '2024-05-21T09:00:00', '100', 'VEN001', 1, '1.01.001', 'Pcs', 'PL-1', 1.5, 'CK001', '', null, null],
      [bill, '2024-05-21T00:00:00', '2024-05-21T09:00:00', '100', 'VEN001', 2, '1.01.002', 'kg', 'PL-2', 120.10, 'CK001', '', null, null],
    ];
    const filters: string[] = [];
    kingdee.handler = ({ body }) => {
      const data = body['data'] as { FormId: string; FilterString: string; StartRow: number; Limit: number };
      if (data.FormId !== 'STK_InStock') return { body: '[]' };
      filters.push(data.FilterString);
      const page = rows.slice(data.StartRow, data.StartRow + data.Limit).map((row) => JSON.stringify(row).replace('120.1,', '120.10,'));
      return { body: `[${page.join(',')}]` };
    };
    const first = await pull().pollOnce('kingdee');
    expect(first.errors).toEqual([]);
    expect(first.documents).toEqual([
      { documentType: 'STK_InStock', billNumber: pushed, status: 'duplicate' },
      { documentType: 'STK_InStock', billNumber: bill, status: 'accepted' },
    ]);
    const second = await pull().pollOnce('kingdee');
    expect(second.documents).toEqual([]);
    expect(filters.at(-1)).toBe("FModifyDate >= '2024-05-21T09:00:00' AND FDocumentStatus = 'C'");
    const accepted = await database.query("SELECT movement_count FROM erp_connector.inbound_document WHERE document_number = $1 AND status = 'accepted'", [bill]);
    expect(accepted.rows).toEqual([{ movement_count: 2 }]);
  });

  it('Yonyou: the same voucher twice in an answer, and again after the cursor is lost, is applied once', async () => {
    const code = `P${run}`;
    const voucher = JSON.parse(yonyouVoucher('yonyou-rdrecord01.json', code)) as Record<string, unknown>;
    yonyou.handler = ({ path }) => (path.endsWith('/purchasein/batch_get') ? { body: JSON.stringify({ errcode: '0', errmsg: '', page_index: 1, page_count: 1, row_count: 2, purchasein: [voucher, voucher] }) } : { body: '{"errcode":"20002","errmsg":"无数据"}' });
    const first = await pull().pollOnce('yonyou');
    expect(first.errors).toEqual([]);
    expect(first.documents).toEqual([{ documentType: 'rdrecord01', billNumber: code, status: 'accepted' }]);
    await database.query("DELETE FROM erp_connector.pull_cursor WHERE erp = 'yonyou' AND account = $1", [YONYOU_ACCOUNT]);
    const afterLoss = await pull().pollOnce('yonyou');
    expect(afterLoss.documents.filter((d) => d.billNumber === code)).toEqual([{ documentType: 'rdrecord01', billNumber: code, status: 'duplicate' }]);
    const accepted = await database.query("SELECT count(*)::int AS n FROM erp_connector.inbound_document WHERE document_number = $1 AND status = 'accepted'", [code]);
    expect(accepted.rows).toEqual([{ n: 1 }]);
  });

  it('failing (5xx) and malformed answers fail the poll without moving the cursor, and back off exponentially', async () => {
    const before = await database.query("SELECT document_type, modified_at, bill_number FROM erp_connector.pull_cursor WHERE erp = 'kingdee' AND account = $1 ORDER BY document_type", [KINGDEE_ACCOUNT]);
    kingdee.handler = () => ({ status: 502, body: '<html>Bad Gateway</html>' });
    const failing = await pull().pollOnce('kingdee');
    expect(failing.errors[0]).toMatch(/STK_InStock: .*HTTP 502/);
    await new Promise((resolve) => setTimeout(resolve, 900)); // let the breaker half-open again
    kingdee.handler = () => ({ body: '[["CGRK", "2024-05-22T00:00:00", 1' });
    const malformed = await pull().pollOnce('kingdee');
    expect(malformed.errors.some((error) => /not well-formed JSON/.test(error))).toBe(true);
    expect(pull().nextDelay('kingdee')).toBeGreaterThanOrEqual(20); // backoff after failures, not the (disabled) interval
    const after = await database.query("SELECT document_type, modified_at, bill_number FROM erp_connector.pull_cursor WHERE erp = 'kingdee' AND account = $1 ORDER BY document_type", [KINGDEE_ACCOUNT]);
    expect(after.rows).toEqual(before.rows);
    await new Promise((resolve) => setTimeout(resolve, 900));
  });

  it('slow: calls time out, the breaker opens and stops calling, then recovers when the ERP answers again', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // earlier successes leave the breaker's window
    kingdee.handler = () => ({ body: '[]', delayMs: 1_000 });
    const slow = await pull().pollOnce('kingdee');
    expect(slow.errors.some((error) => /Timed out|no answer within 300 ms/.test(error))).toBe(true);
    expect(pull().http.kingdee.breaker.opened).toBe(true);
    const hitsWhileOpen = kingdee.hits;
    const open = await pull().pollOnce('kingdee');
    expect(open.errors.every((error) => /circuit breaker open/.test(error))).toBe(true);
    expect(kingdee.hits).toBe(hitsWhileOpen);

    kingdee.handler = () => ({ body: '[]' });
    await new Promise((resolve) => setTimeout(resolve, 900));
    await eventually(async () => expect((await pull().pollOnce('kingdee')).errors).toEqual([]), { timeoutMs: 10_000 });
    expect(pull().http.kingdee.breaker.closed).toBe(true);
    expect(pull().nextDelay('kingdee')).toBe(0);
  });
});

describe('outbound: lot status changes are delivered to the ERPs', () => {
  it('a hold reaches Kingdee (lot master forbidden) and Yonyou (after a 503, retried with backoff), each once', async () => {
    const outbound = app.get(OutboundStatusService);
    const batchNumber = `批次 ${run}`;
    const kingdeeCalls: Array<Record<string, unknown>> = [];
    kingdee.handler = ({ path, body }) => {
      kingdeeCalls.push({ path, body });
      if (path.endsWith('ExecuteBillQuery.common.kdsvc')) return { body: '[[4711]]' };
      return { body: JSON.stringify({ Result: { ResponseStatus: { IsSuccess: true, ErrorCode: 0, MsgCode: 0, Errors: [], SuccessEntitys: [{ Id: 4711, Number: batchNumber, DIndex: 0 }] } } }) };
    };
    let yonyouAttempts = 0;
    const yonyouBodies: Array<Record<string, unknown>> = [];
    yonyou.handler = ({ body }) => {
      yonyouAttempts += 1;
      yonyouBodies.push(body);
      return yonyouAttempts === 1 ? { status: 503, body: 'busy' } : { body: '{"errcode":"0","errmsg":""}' };
    };
    await putItem('yonyou', `Y-${run}`, item('shared'));
    await putItem('kingdee', `K-${run}`, item('shared'));

    const kafka = createKafka(`erp-int-${run}`);
    const producer = new ContractProducer(kafka, new ContractRegistry());
    await ensureTopics(kafka, [TOPICS.lotStatus]);
    await producer.connect();
    const changeId = `hold-${run}`;
    const change = { changeId, item: item('shared'), batchNumber, status: 'ON_HOLD' as const, previousStatus: 'RELEASED' as const, reason: 'customer complaint', changedBy: 'qa', changedAt: new Date().toISOString(), holdId: `H-${run}` };
    // Sent twice (a producer retry): queued and delivered once.
    await producer.send(TOPICS.lotStatus, [{ key: lotKey(change.item, batchNumber), messageId: changeId, value: change }]);
    await producer.send(TOPICS.lotStatus, [{ key: lotKey(change.item, batchNumber), messageId: changeId, value: change }]);
    await producer.disconnect();

    await eventually(async () => {
      await outbound.deliverDue();
      const rows = await database.query('SELECT erp, state, attempts FROM erp_connector.outbound_status WHERE change_id = $1 ORDER BY erp', [changeId]);
      expect(rows.rows).toEqual([
        { erp: 'kingdee', state: 'delivered', attempts: 1 },
        { erp: 'yonyou', state: 'delivered', attempts: 2 },
      ]);
    }, { timeoutMs: 60_000 });
    expect(kingdeeCalls.map((call) => call['body'])).toEqual([
      { data: { FormId: 'BD_BatchMainFile', FieldKeys: 'FLOTID', FilterString: `FNumber = '${batchNumber}' AND FMaterialId.FNumber = 'K-${run}'`, Limit: 100 } },
      { formid: 'BD_BatchMainFile', opNumber: 'Forbid', data: { Ids: '4711', Numbers: [], CreateOrgId: 0 } },
    ]);
    expect(yonyouBodies[1]).toMatchObject({ biz_id: changeId, batchproperty: { cinvcode: `Y-${run}`, cbatch: batchNumber, bforbid: 1, cstatus: 'ON_HOLD' } });
  });
});

async function collectDeadLetters(): Promise<() => Promise<void>> {
  const kafka = createKafka(`erp-int-dlq-${run}`);
  const registry = new ContractRegistry();
  const consumer = kafka.consumer({ groupId: `erp-int-dlq-${randomUUID()}` });
  await consumer.connect();
  await ensureTopics(kafka, [deadLetterTopic('erp-connector')]);
  await consumer.subscribe({ topic: deadLetterTopic('erp-connector').name, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const letter = await registry.decode(deadLetterTopic('erp-connector'), message.value).catch(() => undefined);
      if (letter) deadLetters.push(letter);
    },
  });
  return () => consumer.disconnect();
}
