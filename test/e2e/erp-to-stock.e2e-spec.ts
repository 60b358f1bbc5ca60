import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { eventually } from '@lotbridge/testing';
import { erpConfigFromEnv } from '../../apps/erp-connector/src/erp.config';
import { startErpConnector } from '../../apps/erp-connector/src/main';
import { startInventoryService } from '../../apps/inventory-service/src/main';

/**
 * Kingdee and Yonyou documents over the real pipes: ERP push -> erp-connector (PostgreSQL, outbox) -> Kafka (Avro,
 * registry) -> inventory-service -> stock over HTTP. Accounts, bills and items are unique per run.
 */
const run = randomUUID().slice(0, 8);
const item = (code: string) => `ERP-${run}-${code}`;
let connector: INestApplication;
let inventory: INestApplication;
const urlOf = (app: INestApplication) => `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;

async function send(method: 'POST' | 'PUT', path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${urlOf(connector)}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function stockOf(code: string, includeVirtual = false): Promise<Array<{ batchNumber: string; locationKey: string; onHand: string; unit: string }>> {
  const response = await fetch(`${urlOf(inventory)}/stock?item=${encodeURIComponent(item(code))}${includeVirtual ? '&includeVirtual=true' : ''}`);
  return (await response.json()) as Array<{ batchNumber: string; locationKey: string; onHand: string; unit: string }>;
}

beforeAll(async () => {
  const config = erpConfigFromEnv();
  connector = await startErpConnector(0, { ...config, kingdee: { account: `K${run}`, timeZone: 'Asia/Shanghai' }, yonyou: { account: `Y${run}`, timeZone: 'Asia/Shanghai' }, pollIntervalMs: 0, outboundIntervalMs: 0, groupId: `erp-connector-e2e-${run}` });
  inventory = await startInventoryService(0);
  await send('PUT', `/erp-items/kingdee/1.01.${run}`, { item: item('K1') });
  await send('PUT', `/erp-items/yonyou/0102${run}`, { item: item('Y1'), unit: 'KG' });
});

afterAll(async () => {
  await inventory?.close();
  await connector?.close();
});

describe('ERP documents become stock', () => {
  it('Kingdee: a purchase receipt, a production pick and a two-legged sales delivery; batch numbers byte-identical', async () => {
    const entry = (qty: string, extra: Record<string, unknown> = {}) => ({ FEntryID: 1, FMaterialId: { FNumber: `1.01.${run}` }, FUnitID: { FNumber: 'Pcs' }, FStockId: { FNumber: 'CK001' }, FLot: { FNumber: '批次 A-01 ' }, ...extra, FRealQty: qty });
    const receipt = await send('POST', '/kingdee/STK_InStock', { formid: 'STK_InStock', data: { Model: { FBillNo: `CG${run}`, FDate: '2024-05-20T08:00:00', FStockOrgId: { FNumber: '100' }, FSupplierId: { FNumber: 'VEN001' }, FInStockEntry: [entry('120.50', { FExpiryDate: '2026-04-30' })] } } });
    expect(receipt['Result']).toMatchObject({ ResponseStatus: { IsSuccess: true } });
    const pick = await send('POST', '/kingdee/PRD_PickMtrl', { Model: { FBillNo: `LL${run}`, FDate: '2024-05-21T08:00:00', FStockOrgId: { FNumber: '100' }, FEntity: [{ ...entry('0'), FRealQty: undefined, FActualQty: '20.25', FMoBillNo: `MO${run}` }] } });
    expect(pick['Result']).toMatchObject({ ResponseStatus: { IsSuccess: true } });
    const delivery = await send('POST', '/kingdee/SAL_OUTSTOCK', { Model: { FBillNo: `XS${run}`, FDate: '2024-05-22T08:00:00', FStockOrgId: { FNumber: '100' }, FCustomerID: { FNumber: 'CUST9' }, FEntity: [{ ...entry('100'), FMaterialId: undefined, FMaterialID: { FNumber: `1.01.${run}` }, FStockId: undefined, FStockID: { FNumber: 'CK001' } }] } });
    expect(delivery['Result']).toMatchObject({ ResponseStatus: { IsSuccess: true } });

    await eventually(async () =>
      expect((await stockOf('K1', true)).map((row) => [row.batchNumber, row.locationKey, row.onHand])).toEqual(
        expect.arrayContaining([
          ['批次 A-01 ', 'warehouse:100/CK001', '0.25'],
          ['批次 A-01 ', `production:MO${run}`, '20.25'],
          ['批次 A-01 ', 'customer:CUST9', '100'],
        ]),
      ),
    );
    expect((await stockOf('K1', true)).find((row) => row.locationKey === `in-transit:CUST9/XS${run}`)?.onHand ?? '0').toBe('0');
  });

  it('Yonyou: a purchase receipt and a transfer; a re-sent voucher is applied once', async () => {
    const voucher = { head: { cCode: `R${run}`, dDate: '2024-06-01', cWhCode: '01', cVenCode: 'V1' }, body: [{ AutoID: 1, cInvCode: `0102${run}`, cBatch: '0000123', iQuantity: 12.5, dVDate: '2025-10-31' }] };
    expect(await send('POST', '/yonyou/rdrecord01', voucher)).toMatchObject({ errcode: '0', status: 'accepted' });
    expect(await send('POST', '/yonyou/rdrecord01', voucher)).toMatchObject({ errcode: '0', status: 'duplicate' });
    const transfer = { head: { cTVCode: `T${run}`, dTVDate: '2024-06-02', cOWhCode: '01', cIWhCode: '05' }, body: [{ AutoID: 9, cInvCode: `0102${run}`, cTVBatch: '0000123', iTVQuantity: '2.5' }] };
    expect(await send('POST', '/yonyou/TransVouch', transfer)).toMatchObject({ errcode: '0', status: 'accepted' });

    await eventually(async () =>
      expect((await stockOf('Y1')).map((row) => [row.batchNumber, row.locationKey, row.onHand, row.unit])).toEqual([
        ['0000123', `warehouse:Y${run}/01`, '10', 'KG'],
        ['0000123', `warehouse:Y${run}/05`, '2.5', 'KG'],
      ]),
    );
  });
});
