import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { LotReservation, TOPICS } from '@lotbridge/contracts';
import { ContractRegistry, createKafka } from '@lotbridge/messaging';
import { eventually, inboundDeliveryIdoc } from '@lotbridge/testing';
import { startAllocationService } from '../../apps/allocation-service/src/main';
import { startSapIdocAdapter } from '../../apps/sap-idoc-adapter/src/main';

/**
 * From a supplier's delivery to a reserved lot over the real pipes: IDoc over HTTP -> sap-idoc-adapter -> Kafka
 * (lot.movements.v1, lot.master.v1) -> allocation-service's own stock -> POST /order-lines (quality answered by a
 * stand-in speaking the shared contract) -> LotReservation on allocation.reservations.v1.
 */
const run = randomUUID().slice(0, 8);
const material = `MAT-${run}`;
const urlOf = (app: INestApplication) => `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;

let adapter: INestApplication;
let allocation: INestApplication;
let quality: Server;

beforeAll(async () => {
  quality = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const { lots } = JSON.parse(text) as { lots: Array<{ item: string; batchNumber: string }> };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ statuses: lots.map((lot) => ({ ...lot, status: 'released', onHold: false })) }));
    });
  });
  await new Promise<void>((resolve) => quality.listen(0, '127.0.0.1', resolve));
  process.env['QUALITY_URL'] = `http://127.0.0.1:${(quality.address() as AddressInfo).port}`;
  adapter = await startSapIdocAdapter(0);
  allocation = await startAllocationService(0);
});

afterAll(async () => {
  await allocation?.close();
  await adapter?.close();
  await new Promise((resolve) => quality?.close(resolve));
});

it('a delivered lot is allocated FEFO by the expiry date the IDoc carried, and its reservation is published', async () => {
  const posted = await fetch(`${urlOf(adapter)}/idocs`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body: inboundDeliveryIdoc({
      docnum: `E2EA${run}`,
      vbeln: `DA${run}`,
      items: [
        { posnr: '000010', matnr: material, charg: 'LATER', lfimg: '50', werks: 'DE01', lgort: 'MAIN', vfdat: '20271231' },
        { posnr: '000020', matnr: material, charg: 'SOONER ', lfimg: '20', werks: 'DE01', lgort: 'MAIN', vfdat: '20270630' },
      ],
    }),
  });
  expect(posted.status).toBe(202);

  await eventually(async () => {
    const stock = (await (await fetch(`${urlOf(allocation)}/stock?item=${encodeURIComponent(material)}`)).json()) as Array<{ batchNumber: string; onHand: string; expiryDate: string | null }>;
    expect(stock.map((row) => [row.batchNumber, row.onHand, row.expiryDate])).toEqual([['LATER', '50', '2027-12-31'], ['SOONER ', '20', '2027-06-30']]);
  }, { timeoutMs: 60_000 });

  const orderLineId = `SO-${run}|10`;
  const response = await fetch(`${urlOf(allocation)}/order-lines`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderLineId, item: material, quantity: '30', unit: 'KGM', warehouse: 'DE01', customer: 'C1', strategy: 'FEFO', minRemainingShelfLifeDays: 90, referenceDate: '2027-01-01' }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { decision: { picks: Array<{ batchNumber: string; quantity: string }> } };
  expect(body.decision.picks.map((pick) => [pick.batchNumber, pick.quantity])).toEqual([['SOONER ', '20'], ['LATER', '10']]);

  const kafka = createKafka(`e2e-allocation-${run}`);
  const registry = new ContractRegistry();
  const consumer = kafka.consumer({ groupId: `e2e-allocation-reader-${run}` });
  const reservations: LotReservation[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: TOPICS.lotReservations.name, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const reservation = await registry.decode(TOPICS.lotReservations, message.value).catch(() => undefined);
        if (reservation?.orderLineId === orderLineId) reservations.push(reservation);
      },
    });
    await eventually(() => expect(reservations.map((r) => [r.batchNumber, r.quantity, r.state]).sort()).toEqual([['LATER', '10', 'RESERVED'], ['SOONER ', '20', 'RESERVED']]), { timeoutMs: 30_000 });
  } finally {
    await consumer.disconnect();
  }
});
