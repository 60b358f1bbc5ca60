import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import { eventually, traceScenario } from '@lotbridge/testing';
import { startTraceabilityService } from '../../apps/traceability-service/src/main';
import { LotPipes, call, freePort, lotQuery } from './support/lot-pipes';

/**
 * The export endpoints of the traceability service over the real pipes: the issue-4 scenario published on
 * lot.movements.v1, products named by PUT /products, then EPCIS 2.0 (validated against GS1's JSON schema) and the
 * FSMA 204 spreadsheet (CSV and XLSX) read back over HTTP.
 */
const run = randomUUID().slice(0, 8);
const scenario = traceScenario(`${run}x`);
const { R1, R2, F1A } = scenario.lots;
const pipes = new LotPipes();
/** The key data elements FDA's sortable spreadsheet must carry (21 CFR 1.1455(c)), as our column headers name them. */
const REQUIRED_COLUMNS = ['Traceability Lot Code', 'Product Description', 'Quantity', 'Unit of Measure', 'Critical Tracking Event', 'Event Date', 'Location of Event', 'Immediate Previous Source', 'Immediate Subsequent Recipient', 'Traceability Lot Code Source', 'Reference Document Type', 'Reference Document Number'];
const schema = JSON.parse(readFileSync(join(__dirname, '../standards/epcis-2.0/EPCIS-JSON-Schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validEpcis = ajv.compile(schema);
let traceability: INestApplication;
let traceUrl: string;

interface EpcisDocument {
  type: string;
  epcisBody: { eventList: Array<{ type: string; bizStep?: string; quantityList?: Array<{ epcClass: string }>; outputQuantityList?: Array<{ epcClass: string }> }> };
}

beforeAll(async () => {
  await pipes.start();
  const port = await freePort();
  traceUrl = `http://127.0.0.1:${port}`;
  // quality and allocation are not needed for exports: nothing listens there
  traceability = await startTraceabilityService(port, { qualityUrl: `http://127.0.0.1:${await freePort()}`, allocationUrl: `http://127.0.0.1:${await freePort()}`, callTimeoutMs: 1_000 });
  await pipes.publish(scenario.all);
  const database = new Client({ connectionString: process.env['DATABASE_URL'] });
  await database.connect();
  try {
    const ids = scenario.all.map((movement) => movement.movementId);
    await eventually(async () => {
      const stored = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM traceability_service.trace_movement WHERE movement_id = ANY($1)', [ids]);
      expect(stored.rows[0]?.n).toBe(ids.length);
    }, { timeoutMs: 90_000, intervalMs: 250 });
  } finally {
    await database.end();
  }
  const products: Array<[string, string, string]> = [[R1.item, '04012345000016', 'Raw sugar'], [R2.item, '04012345000023', 'Cocoa butter'], [F1A.item, '04012345000030', 'Chocolate 100 g']];
  for (const [item, gtin, description] of products) {
    expect((await call(`${traceUrl}/products/${encodeURIComponent(item)}`, { gtin, description }, 'PUT')).status).toBe(200);
  }
}, 150_000);

afterAll(async () => {
  await traceability?.close();
  await pipes.stop();
});

it('exports a lot with its whole genealogy as EPCIS 2.0 that GS1 schema accepts, naming what it cannot express', async () => {
  const response = await fetch(`${traceUrl}/exports/epcis?${lotQuery(F1A)}&genealogy=true`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/ld+json');
  const document = (await response.json()) as EpcisDocument;
  expect(validEpcis(document)).toBe(true);
  expect(validEpcis.errors ?? []).toEqual([]);
  const steps = document.epcisBody.eventList.map((event) => `${event.type}:${event.bizStep ?? ''}`);
  expect(steps).toEqual(expect.arrayContaining([expect.stringMatching(/^ObjectEvent:.*receiving$/), expect.stringMatching(/^ObjectEvent:.*shipping$/), expect.stringMatching(/^TransformationEvent:/)]));
  const classes = document.epcisBody.eventList.flatMap((event) => [...(event.quantityList ?? []), ...(event.outputQuantityList ?? [])].map((quantity) => quantity.epcClass));
  expect(classes).toContain('https://id.gs1.org/01/04012345000030/10/F1-A');

  // R1's batch number ("批次-001 ") is outside GS1 AI (10)'s characters: refused, never altered, and said so.
  const report = await call<{ problems: Array<{ code: string; batchNumber?: string; message: string }> }>(`${traceUrl}/exports/epcis?${lotQuery(F1A)}&genealogy=true&report=true`);
  expect(report.body.problems.map((problem) => problem.code)).toContain('EXPORT.BATCH_NOT_GS1');
  expect(JSON.stringify(report.body.problems)).toContain(JSON.stringify(R1.batchNumber).slice(1, -1));
});

it('exports the FSMA 204 sortable spreadsheet as CSV and XLSX with the required columns and byte-identical lot codes', async () => {
  const csv = await fetch(`${traceUrl}/exports/fsma-204.csv?${lotQuery(F1A)}&genealogy=true`);
  expect(csv.status).toBe(200);
  const text = await csv.text();
  const [header, ...rows] = parse(text) as string[][];
  expect(header).toEqual(expect.arrayContaining(REQUIRED_COLUMNS));
  const column = (name: string) => rows.map((row) => row[header?.indexOf(name) ?? -1]);
  expect(new Set(column('Traceability Lot Code'))).toEqual(new Set([R1.batchNumber, R2.batchNumber, 'F1', F1A.batchNumber]));
  expect(column('Reference Document Number')).toContain(scenario.documents.deliveryC1);

  const xlsx = await fetch(`${traceUrl}/exports/fsma-204.xlsx?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z`);
  expect(xlsx.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await xlsx.arrayBuffer());
  const sheet = workbook.worksheets[0];
  const sheetHeader = (sheet?.getRow(1).values as unknown[]).slice(1);
  expect(sheetHeader).toEqual(expect.arrayContaining(REQUIRED_COLUMNS));
  const lotCodes = new Set<string>();
  sheet?.eachRow((row, index) => index > 1 && lotCodes.add(row.getCell(1).text));
  expect([...lotCodes]).toEqual(expect.arrayContaining([R1.batchNumber, R2.batchNumber, F1A.batchNumber]));
});

it('refuses a query it cannot answer, naming the problem', async () => {
  expect((await call(`${traceUrl}/exports/epcis`)).body).toMatchObject({ code: 'TRACE.INVALID_QUERY' });
  expect((await call(`${traceUrl}/exports/epcis?from=yesterday&to=today`)).body).toMatchObject({ code: 'TRACE.INVALID_QUERY' });
  expect((await call(`${traceUrl}/products/X`, { gtin: '12AB' }, 'PUT')).body).toMatchObject({ code: 'TRACE.INVALID_PRODUCT', message: 'gtin "12AB" is not a GTIN-8, -12, -13 or -14 (digits only)' });
});
