import { Location, addQuantities } from '@lotbridge/lot';
import { GenealogyEvent } from './genealogy-event';
import { GenealogyIndex } from './genealogy-index';
import { LotRef, compareText, lotKey, lotRef } from './lot-key';
import { DeliveryLine, StockLine, chronological, consumptionLines, customerLines, deliveryLine, deliveryLines, stockLines } from './lot-view';
import { CustomerShipments, LocationStock, RecallImpact, recallImpactOf } from './recall-impact';
import { DE01, DE02, IN_TRANSIT, PRODUCTION, customer, movement, supplier } from './test-support/issue-4-scenario';
import { ForwardTracedLot } from './trace';
import { UnitQuantity, totalsByUnit } from './unit-quantity';
import { pathsOf, walk } from './walk';

/**
 * recallImpactOf sums with exact integer totals in one pass over each lot's balances and shipments; this is the
 * straightforward computation it replaced (every lot's full forward trace, decimal.js sums, JSON.stringify keys,
 * lots reduced to where they came from), compared on random
 * genealogies that mix units, fractions, quantities past the safe-integer range, two-legged shipments with and
 * without proofs, reversed goods issues, customer returns, returns from production and hub lots.
 */
function referenceImpact(index: GenealogyIndex, lotKeys: readonly string[], withDeliveries: boolean): RecallImpact {
  const known = lotKeys.filter((key) => index.lotId(key) !== undefined);
  const visits = walk(index, known.map((key) => index.lotId(key) as number), 'forward');
  const paths = pathsOf(index, visits);
  const lots: ForwardTracedLot[] = visits.map((visit) => {
    const facts = index.factsOf(visit.lot);
    return {
      lot: lotRef(index.lotKeyOf(visit.lot)),
      depth: visit.depth,
      via: visit.via ? { lot: index.lotKeyOf(visit.via.lot), transformationId: index.transformation(visit.via.transformation).id } : null,
      path: paths.get(visit.lot) ?? [],
      onHand: stockLines(facts, ['warehouse']),
      inTransit: stockLines(facts, ['in-transit']),
      atCustomers: customerLines(facts),
      deliveries: deliveryLines(facts),
      consumedInto: consumptionLines(index, facts),
      scrappedOrLost: stockLines(facts, ['scrap', 'inventory-loss']),
    };
  });
  const byLocation = (stockOf: (lot: ForwardTracedLot) => StockLine[]): LocationStock[] => {
    const stocks = new Map<string, LocationStock>();
    for (const traced of lots) {
      for (const line of stockOf(traced)) {
        const key = JSON.stringify([line.locationKey, line.unit]);
        let stock = stocks.get(key);
        if (!stock) stocks.set(key, (stock = { location: line.location, locationKey: line.locationKey, quantity: '0', unit: line.unit, lots: [] }));
        stock.quantity = addQuantities(stock.quantity, line.quantity);
        stock.lots.push({ lot: traced.lot, quantity: line.quantity });
      }
    }
    return [...stocks.values()].sort((a, b) => compareText(a.locationKey, b.locationKey) || compareText(a.unit, b.unit));
  };
  const customers = new Map<string, { balances: UnitQuantity[]; deliveries: (DeliveryLine & { lot: LotRef })[] }>();
  const entry = (code: string) => {
    let found = customers.get(code);
    if (!found) customers.set(code, (found = { balances: [], deliveries: [] }));
    return found;
  };
  for (const traced of lots) {
    for (const balance of traced.atCustomers) entry(balance.location.code).balances.push(balance);
    for (const delivery of traced.deliveries) entry(delivery.customer).deliveries.push(Object.assign(deliveryLine(delivery), { lot: traced.lot }));
  }
  const shipped: CustomerShipments[] = [...customers.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([code, { balances, deliveries }]) => {
      const shipped = totalsByUnit(balances).map(({ quantity, unit }) => ({
        quantity,
        unit,
        documents: [...new Set(deliveries.filter((delivery) => delivery.unit === unit).map((delivery) => delivery.document))].sort(compareText),
      }));
      return withDeliveries ? { customer: code, shipped, deliveries: chronological(deliveries) } : { customer: code, shipped };
    });
  return {
    requested: [...new Set(lotKeys)].sort(compareText),
    unknownLots: [...new Set(lotKeys.filter((key) => index.lotId(key) === undefined))].sort(compareText),
    lots: lots.map(({ lot, depth, via }) => ({ lot, depth, via })),
    onHand: byLocation((lot) => lot.onHand),
    inTransit: byLocation((lot) => lot.inTransit),
    shipped,
  };
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomGenealogy(seed: number): { events: GenealogyEvent[]; hubs: string[] } {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const quantities = ['1', '2.5', '0.000001', '12.125', '40', '99999999999', '123456789012.5'];
  const quantity = () => quantities[pick(quantities.length)] as string;
  const unit = () => (next() < 0.15 ? 'PCE' : 'KGM');
  const warehouses: Location[] = [DE01, DE02, { ...DE01, bin: 'A-01' }];
  const where = () => warehouses[pick(warehouses.length)] as Location;
  const events: GenealogyEvent[] = [];
  const lots: { item: string; batchNumber: string }[] = [];
  let line = 0;
  const at = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 1000 + pick(3) * 500).toISOString().replace('.000Z', 'Z');
  const hubs = [0, 1].map((h) => ({ item: 'SALT', batchNumber: `HUB-${h}` }));
  for (const hub of hubs) {
    events.push(movement({ kind: 'receipt', lot: hub, quantity: '1000', from: supplier('S-SALT'), to: DE01, at: at(0), document: `R-${hub.batchNumber}`, line: String(++line) }));
    lots.push(hub);
  }
  for (let order = 0; order < 150; order++) {
    const t = order * 60;
    const raw = { item: `RAW-${pick(5)}`, batchNumber: `R${order}` };
    events.push(movement({ kind: 'receipt', lot: raw, quantity: quantity(), unit: unit(), from: supplier(`S${pick(4)}`), to: where(), at: at(t), document: `GR-${order}`, line: String(++line) }));
    lots.push(raw);
    const id = `PO-${order}`;
    const inputs = [raw, ...Array.from({ length: pick(3) }, () => lots[pick(lots.length)] as { item: string; batchNumber: string })];
    if (order % 3 === 0) inputs.push(hubs[order % 2] as { item: string; batchNumber: string });
    for (const input of inputs) {
      events.push(movement({ kind: 'production-consumption', lot: input, quantity: quantity(), unit: unit(), from: where(), to: PRODUCTION, at: at(t + 1), document: id, line: String(++line), transformation: [id, 'input'] }));
    }
    if (order % 7 === 0) {
      events.push(movement({ kind: 'production-consumption', lot: raw, quantity: '0.5', from: PRODUCTION, to: DE01, at: at(t + 2), document: id, line: String(++line), transformation: [id, 'input'] }));
    }
    const outputs = Array.from({ length: 1 + pick(2) }, (_, o) => ({ item: `FG-${pick(4)}`, batchNumber: `F${order}-${o}` }));
    for (const output of outputs) {
      const u = unit();
      events.push(movement({ kind: 'production-output', lot: output, quantity: '100', unit: u, from: PRODUCTION, to: where(), at: at(t + 3), document: id, line: String(++line), transformation: [id, 'output'] }));
      lots.push(output);
      if (next() < 0.3) events.push(movement({ kind: 'transfer-out', lot: output, quantity: quantity(), unit: u, from: DE01, to: IN_TRANSIT, at: at(t + 4), document: `ST-${order}`, line: String(++line) }));
      for (let c = 0; c < pick(4); c++) {
        const shipTo = `C${pick(6)}`;
        const delivery = `80${order}${c}`;
        const transit: Location = { kind: 'in-transit', code: `${shipTo}/${delivery}` };
        const shippedQuantity = quantity();
        const roll = next();
        if (roll < 0.8) events.push(movement({ kind: 'delivery', lot: output, quantity: shippedQuantity, unit: u, from: where(), to: transit, at: at(t + 5 + c), document: delivery, line: String(++line) }));
        if (roll > 0.1 && roll < 0.7) events.push(movement({ kind: 'delivery', lot: output, quantity: shippedQuantity, unit: u, from: transit, to: customer(shipTo), at: at(t + 30 + c), document: delivery, line: String(++line) }));
        if (roll >= 0.7 && roll < 0.8) events.push(movement({ kind: 'delivery', lot: output, quantity: shippedQuantity, unit: u, from: transit, to: DE01, at: at(t + 40 + c), document: `${delivery}R`, line: String(++line) }));
        if (roll >= 0.8 && roll < 0.9) events.push(movement({ kind: 'delivery', lot: output, quantity: shippedQuantity, unit: u, from: where(), to: customer(shipTo), at: at(t + 5 + c), document: delivery, line: String(++line) }));
        if (roll >= 0.9) events.push(movement({ kind: 'customer-return', lot: output, quantity: '1', unit: u, from: customer(shipTo), to: DE02, at: at(t + 50 + c), document: `RET-${delivery}`, line: String(++line) }));
      }
    }
  }
  return { events: events.sort(() => next() - 0.5), hubs: hubs.map((hub) => lotKey(hub.item, hub.batchNumber)) };
}

describe('recall impact equals the straightforward computation', () => {
  it.each([1, 2, 3, 4, 5])('on random genealogy %i', (seed) => {
    const { events, hubs } = randomGenealogy(seed);
    const index = new GenealogyIndex();
    for (const event of events) expect(index.apply(event).outcome).toBe('applied');
    const requests = [hubs, [hubs[0] as string], [lotKey('RAW-1', 'R3'), lotKey('NOT', 'KNOWN'), lotKey('RAW-1', 'R3')], [lotKey('FG-0', 'F0-0')]];
    for (const request of requests) {
      for (const withDeliveries of [false, true]) {
        const actual = recallImpactOf(index, request, { withDeliveries });
        expect(actual).toEqual(referenceImpact(index, request, withDeliveries));
        expect(JSON.stringify(actual)).toBe(JSON.stringify(referenceImpact(index, request, withDeliveries)));
      }
    }
    expect(recallImpactOf(index, hubs).lots.length).toBeGreaterThan(20);
  });
});
