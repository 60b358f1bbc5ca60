import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { Location, LotMovement, warehouse } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { ContractProducer, ContractRegistry, createKafka, ensureTopics } from '@lotbridge/messaging';
import { eventually } from '@lotbridge/testing';
import { startInventoryService } from '../../apps/inventory-service/src/main';

/**
 * Counts and reconciliation on the real pipes: a count's variances become count-adjustment movements that go out on
 * lot.movements.v1 and come back into the ledger; an SAP MB52-style export (libs/stock-count/fixtures) is reconciled
 * against the book, uploaded as a file and sent as JSON.
 */
const run = randomUUID().slice(0, 8);
let sequence = 0;
const supplier: Location = { kind: 'supplier', code: 'S1' };

function receipt(item: string, batchNumber: string, quantity: string, unit: string, to: Location): LotMovement {
  sequence += 1;
  return {
    movementId: `TEST:${run}|${sequence}|receipt`,
    kind: 'receipt',
    item,
    batchNumber,
    quantity,
    unit,
    from: supplier,
    to,
    occurredAt: '2025-07-01T08:00:00Z',
    source: { system: `TEST:${run}`, document: `GR-${sequence}`, line: '1' },
  };
}

let producer: ContractProducer;
let inventory: INestApplication;
const url = () => `http://127.0.0.1:${((inventory.getHttpServer() as Server).address() as AddressInfo).port}`;

async function publish(...movements: LotMovement[]): Promise<void> {
  await producer.send(TOPICS.lotMovements, movements.map((m) => ({ key: lotKey(m.item, m.batchNumber), messageId: m.movementId, value: toMovementContract(m) })));
}

async function postJson(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function stockAt(location: Location): Promise<Array<[string, string, string]>> {
  const key = `${location.kind}:${location.code}`;
  const rows = (await (await fetch(`${url()}/stock?location=${encodeURIComponent(key)}`)).json()) as Array<{ item: string; batchNumber: string; onHand: string }>;
  return rows.map((row) => [row.item, row.batchNumber, row.onHand]);
}

async function openAlerts(item: string): Promise<Array<[string, string | null, string | null]>> {
  const alerts = (await (await fetch(`${url()}/alerts?open=true&item=${encodeURIComponent(item)}`)).json()) as Array<{ kind: string; batchNumber: string | null; location: string | null }>;
  return alerts.map((alert) => [alert.kind, alert.batchNumber, alert.location]);
}

beforeAll(async () => {
  const kafka = createKafka(`inventory-counts-e2e-${run}`);
  producer = new ContractProducer(kafka, new ContractRegistry());
  await producer.connect();
  await ensureTopics(kafka, [TOPICS.lotMovements, TOPICS.alerts]);
  inventory = await startInventoryService(0);
});

afterAll(async () => {
  await inventory?.close();
  await producer?.disconnect();
});

describe('a count with variances', () => {
  const item = `CNT-${run}`;
  const shelf = warehouse(`C${run}`, 'MAIN');
  const count = (countId: string, lines: Array<[string, string]>, mode = 'full') => ({
    countId,
    location: shelf,
    countedAt: '2025-07-02T10:00:00Z',
    countedBy: 'jdoe',
    mode,
    varianceThresholdPercent: '5',
    lines: lines.map(([batchNumber, counted]) => ({ item, batchNumber, counted, unit: 'ST' })),
  });

  beforeAll(async () => {
    await publish(receipt(item, 'X 1', '100', 'ST', shelf), receipt(item, 'Y-2', '50', 'ST', shelf), receipt(item, 'Z-3', '10', 'ST', shelf));
    await eventually(async () => expect((await stockAt(shelf)).length).toBe(3));
  });

  it('posts one count-adjustment per differing lot with its reason, and alerts on variances above the threshold', async () => {
    const answer = await postJson('/counts', count(`CC-${run}`, [['X 1', '92'], ['Y-2', '50.5']]));
    expect(answer.status).toBe(201);
    const lines = answer.body['lines'] as Array<{ batchNumber: string; book: string; counted: string; variance: string; aboveThreshold: boolean; reason?: string; adjustment?: LotMovement }>;
    expect(lines.map((line) => [line.batchNumber, line.book, line.counted, line.variance, line.aboveThreshold])).toEqual([
      ['X 1', '100', '92', '-8', true],
      ['Y-2', '50', '50.5', '0.5', false],
      ['Z-3', '10', '0', '-10', true],
    ]);
    expect(lines[0]?.reason).toContain('shortage of 8 ST written off to inventory-loss:COUNT');
    expect(answer.body['adjustments']).toBe(3);

    await eventually(async () => expect(await stockAt(shelf)).toEqual([[item, 'X 1', '92'], [item, 'Y-2', '50.5']]));
    const ledger = (await (await fetch(`${url()}/movements?item=${encodeURIComponent(item)}&batchNumber=X%201`)).json()) as Array<{ kind: string; source: { document: string } }>;
    expect(ledger.map((m) => [m.kind, m.source.document])).toEqual([['receipt', 'GR-1'], ['count-adjustment', `CC-${run}`]]);
    await eventually(async () =>
      expect(await openAlerts(item)).toEqual([
        ['INVENTORY.COUNT_VARIANCE', 'X 1', `warehouse:C${run}/MAIN`],
        ['INVENTORY.COUNT_VARIANCE', 'Z-3', `warehouse:C${run}/MAIN`],
      ]),
    );
  });

  it('applies a repeated count once', async () => {
    const again = await postJson('/counts', count(`CC-${run}`, [['X 1', '92'], ['Y-2', '50.5']]));
    expect(again.body).toMatchObject({ status: 'duplicate', adjustments: 3 });
    expect(await stockAt(shelf)).toEqual([[item, 'X 1', '92'], [item, 'Y-2', '50.5']]);
  });

  it('clears the variance alert when a later count of the lot is within the threshold', async () => {
    const recount = await postJson('/counts', { ...count(`CC2-${run}`, [['X 1', '92']], 'partial'), countedAt: '2025-07-03T10:00:00Z' });
    expect(recount.body).toMatchObject({ status: 'accepted', adjustments: 0 });
    await eventually(async () => expect(await openAlerts(item)).toEqual([['INVENTORY.COUNT_VARIANCE', 'Z-3', `warehouse:C${run}/MAIN`]]));
  });

  it('refuses a count that is not of a warehouse, naming the problem', async () => {
    const bad = await postJson('/counts', { ...count(`CC3-${run}`, []), location: { kind: 'customer', code: 'C1' } });
    expect(bad).toMatchObject({ status: 400, body: { error: 'INVENTORY.INVALID_COUNT', problems: ['location customer:C1 is not a warehouse'] } });
  });
});

describe('reconciliation of an ERP stock snapshot (SAP MB52 export)', () => {
  // The fixture's material numbers get this run's suffix, so runs never meet; everything else stays as SAP wrote it.
  const fixture = readFileSync(join(__dirname, '../../libs/stock-count/fixtures/erp-stock-snapshot.csv'), 'utf8').replace(/^("?)(0000000000\d{8})/gm, `$1$2-${run}`);
  const material = (number: string) => `0000000000${number}-${run}`;
  const mine = (lines: Array<{ item: string }>) => lines.filter((line) => line.item.endsWith(`-${run}`));

  beforeAll(async () => {
    await publish(
      receipt(material('00100234'), '2024-0815', '1250', 'ST', warehouse('DE01', '0001', '01-A-03')),
      receipt(material('00100234'), '2024-0815', '240', 'ST', warehouse('DE01', '0002')),
      receipt(material('00204711'), 'CH-7731', '12.5', 'KG', warehouse('DE01', '0001')),
      receipt(material('00204711'), 'CH-7731', '3.25', 'KG', warehouse('DE02', '0001')),
      receipt(material('00300555'), '0000012345', '60', 'ST', warehouse('DE02', '0001', 'R1')),
      receipt(material('00300555'), '0000012345', '40', 'ST', warehouse('DE02', '0001', 'R2')),
      receipt(material('00300555'), '0000012346', '15', 'ST', warehouse('DE02', '0001')),
      receipt(material('00300555'), 'L 42 a', '7', 'ST', warehouse('DE02', '0001')),
      receipt(material('00410001'), 'B;17', '5', 'KG', warehouse('DE02', '0003')),
    );
    await eventually(async () => {
      const rows = (await (await fetch(`${url()}/stock?item=${encodeURIComponent(material('00300555'))}`)).json()) as unknown[];
      expect(rows.length).toBe(4);
      const last = (await (await fetch(`${url()}/stock?item=${encodeURIComponent(material('00410001'))}`)).json()) as unknown[];
      expect(last.length).toBe(1);
    });
  });

  const expected = [
    { kind: 'quantity-differs', item: material('00100234'), batchNumber: '2024-0815', warehouse: 'DE01/0002', erp: '250', lotbridge: '240', difference: '-10' },
    { kind: 'missing-in-lotbridge', item: material('00100234'), batchNumber: '2024-0901', warehouse: 'DE01/0001', erp: '40', lotbridge: null, difference: '-40' },
    { kind: 'missing-in-erp', item: material('00300555'), batchNumber: '0000012346', warehouse: 'DE02/0001', erp: null, lotbridge: '15', difference: '15' },
    { kind: 'unit-differs', item: material('00410001'), batchNumber: 'B;17', warehouse: 'DE02/0003', erp: '5', lotbridge: '5', difference: null },
  ];

  it('reports every difference of an uploaded CSV export, per item, lot and storage location', async () => {
    const form = new FormData();
    form.append('file', new Blob([fixture], { type: 'text/csv' }), 'MB52_20250701.csv');
    form.append('preset', 'sap-mb52');
    const response = await fetch(`${url()}/reconciliations`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { granularity: string; lines: Array<Record<string, unknown> & { item: string }> };
    expect(report.granularity).toBe('storage-location');
    expect(mine(report.lines)).toEqual(expected.map((line): unknown => expect.objectContaining(line)));
  });

  it('reports the same differences for the snapshot sent as JSON', async () => {
    const rows = fixture
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((cell) => cell.replace(/^"|"$/g, '')))
      // as an ERP's API would send them: codes and numbers without the export's column padding, batch numbers as they are
      .map(([item = '', plant = '', sloc = '', batchNumber = '', quantity = '', unit = '']) => ({
        item,
        batchNumber,
        warehouse: `${plant.trim()}/${sloc.trim()}`,
        quantity: quantity.trim().replace(/\./g, '').replace(',', '.'),
        unit: unit.trim(),
      }));
    const answer = await postJson('/reconciliations', { rows });
    expect(answer.status).toBe(200);
    expect(mine(answer.body['lines'] as Array<{ item: string }>)).toEqual(expected.map((line): unknown => expect.objectContaining(line)));
  });

  it('refuses an export it cannot read, naming row and column', async () => {
    const form = new FormData();
    form.append('file', new Blob(['Material;Werk;Lagerort;Charge;Frei verwendbar;Basismengeneinheit\n4711;DE01;0001;A;zwölf;ST\n'], { type: 'text/csv' }), 'bad.csv');
    form.append('preset', 'sap-mb52');
    const response = await fetch(`${url()}/reconciliations`, { method: 'POST', body: form });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('INVENTORY.INVALID_SNAPSHOT');
    expect(body.message).toContain('bad.csv: row 2, column Frei verwendbar');
  });
});
