import { CarrierEvent, InTransitLine, STOCK_EFFECT, ShipmentKey, proofOfDeliveryMovement } from '@lotbridge/carrier-events';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { OutboxEntry, outboxEntry } from '@lotbridge/messaging';
import { CARRIER_ADAPTER } from '../persistence/outbox-relay.service';
import { ShipmentRepository } from './shipment.repository';

/** What became of one tracking event. */
export interface EventOutcome {
  eventId: string;
  status: CarrierEvent['status'];
  carrierStatus: string;
  occurredAt: string;
  /** deliveries the event was matched to */
  deliveries: string[];
  /**
   * recorded: history only; delivered: second leg written; parked: proof of delivery for a shipment whose goods
   * issue has not arrived yet (applied when it does); alert: exception raised; already-recorded: sender retry.
   */
  effect: 'recorded' | 'delivered' | 'parked' | 'alert' | 'already-recorded';
}

export interface MovementSummary {
  movementId: string;
  item: string;
  batchNumber: string;
  quantity: string;
  unit: string;
  from: string;
  to: string;
}

export interface Written {
  messages: OutboxEntry[];
  movements: MovementSummary[];
}

/**
 * Joins tracking events with what goods issues put in transit, inside one transaction that holds the shipment
 * lock (ShipmentRepository.lockShipments), so the two may arrive in either order.
 */
export class ShipmentTracker {
  constructor(private readonly shipments: ShipmentRepository) {}

  async recordEvent(event: CarrierEvent, documentId: bigint, written: Written): Promise<EventOutcome> {
    const outcome = (effect: EventOutcome['effect'], deliveries: string[]): EventOutcome => ({ eventId: event.eventId, status: event.status, carrierStatus: event.carrierStatus, occurredAt: event.occurredAt, deliveries, effect });
    if (!(await this.shipments.insertEvent(event, documentId))) return outcome('already-recorded', []);
    const named = event.keys.filter((key) => key.kind === 'delivery').map((key) => key.value);
    // An event naming the delivery and the carrier's own number teaches us that number for later events.
    for (const deliveryNumber of named) {
      for (const key of event.keys) if (key.kind === 'tracking' || key.kind === 'shipment' || key.kind === 'sscc') await this.shipments.link(key, deliveryNumber);
      await this.applyParked(deliveryNumber, [], written);
    }
    const deliveries = await this.resolve(event.keys);
    if (deliveries.length > 0) await this.shipments.assignEvent(event.eventId, deliveries);

    switch (STOCK_EFFECT[event.status]) {
      case 'deliver': {
        if (deliveries.length === 0) {
          for (const key of event.keys) await this.shipments.park(key, event.eventId, event.occurredAt);
          return outcome('parked', []);
        }
        let moved = 0;
        for (const deliveryNumber of deliveries) moved += await this.deliver(deliveryNumber, event.eventId, event.occurredAt, written);
        return outcome(moved > 0 || (await this.hasLines(deliveries)) ? 'delivered' : 'parked', deliveries);
      }
      case 'alert':
        written.messages.push(exceptionAlert(event, deliveries));
        return outcome('alert', deliveries);
      case 'none':
        return outcome('recorded', deliveries);
    }
  }

  /** A goods issue into in-transit: remembered; delivered at once if its proof of delivery came first. */
  async recordGoodsIssue(line: InTransitLine, written: Written): Promise<void> {
    if (!(await this.shipments.insertLine(line))) return;
    if (line.sscc !== undefined) await this.shipments.link({ kind: 'sscc', value: line.sscc }, line.deliveryNumber);
    const delivered = await this.shipments.delivered(line.deliveryNumber);
    if (delivered) {
      await this.deliver(line.deliveryNumber, delivered.eventId, delivered.deliveredAt, written);
      return;
    }
    await this.applyParked(line.deliveryNumber, [{ kind: 'lot', value: lotKey(line.item, line.batchNumber) }], written);
  }

  private async applyParked(deliveryNumber: string, extraKeys: ShipmentKey[], written: Written): Promise<void> {
    const parked = await this.shipments.takeParked([...(await this.shipments.keysOf(deliveryNumber)), ...extraKeys]);
    for (const { eventId, occurredAt } of parked) {
      await this.shipments.assignEvent(eventId, [deliveryNumber]);
      await this.deliver(deliveryNumber, eventId, occurredAt, written);
    }
  }

  /** Proof of delivery for one delivery: the second leg of every line not yet delivered. Returns how many. */
  private async deliver(deliveryNumber: string, eventId: string, occurredAt: string, written: Written): Promise<number> {
    const { deliveredAt } = await this.shipments.markDelivered(deliveryNumber, eventId, occurredAt);
    const lines = await this.shipments.lines(deliveryNumber, true);
    for (const line of lines) {
      const movement = proofOfDeliveryMovement(line, deliveredAt);
      await this.shipments.markLineDelivered(line.goodsIssueMovementId, movement.movementId);
      written.messages.push(outboxEntry(TOPICS.lotMovements, lotKey(movement.item, movement.batchNumber), movement.movementId, toMovementContract(movement)));
      written.movements.push({ movementId: movement.movementId, item: movement.item, batchNumber: movement.batchNumber, quantity: movement.quantity, unit: movement.unit, from: movement.from.code, to: movement.to.code });
    }
    return lines.length;
  }

  private async hasLines(deliveries: string[]): Promise<boolean> {
    for (const deliveryNumber of deliveries) if ((await this.shipments.lines(deliveryNumber)).length > 0) return true;
    return false;
  }

  /**
   * Deliveries an event's keys name. A lot names a delivery only when exactly one delivery has it in transit:
   * with two, a consignee's "received lot X" cannot say which truck arrived.
   */
  private async resolve(keys: ShipmentKey[]): Promise<string[]> {
    const found = new Set<string>();
    for (const key of keys) {
      if (key.kind === 'delivery') found.add(key.value);
      else if (key.kind === 'lot') {
        const [gtin, batchNumber] = JSON.parse(key.value) as [string, string];
        const holding = await this.shipments.deliveriesHoldingLot(gtin, batchNumber);
        const [only] = holding;
        if (only !== undefined && holding.length === 1) found.add(only);
      } else for (const deliveryNumber of await this.shipments.linkedDeliveries(key)) found.add(deliveryNumber);
    }
    return [...found].sort();
  }
}

/** An exception is raised once per event (its id is the alert's) and left for a person to act on. */
function exceptionAlert(event: CarrierEvent, deliveries: string[]): OutboxEntry {
  const subject = deliveries.length > 0 ? `delivery ${deliveries.join(', ')}` : event.keys.map((key) => `${key.kind} ${key.value}`).join(', ');
  const alertId = `carrier:${event.eventId}`;
  return outboxEntry(TOPICS.alerts, `CARRIER.SHIPMENT_EXCEPTION|${subject}`, `${alertId}|RAISED`, {
    alertId,
    kind: 'CARRIER.SHIPMENT_EXCEPTION',
    state: 'RAISED',
    service: CARRIER_ADAPTER,
    item: null,
    batchNumber: null,
    location: null,
    detail: `${event.carrier ?? event.format} reports ${event.carrierStatus} for ${subject}${event.message ? `: ${event.message}` : ''}`,
    at: event.occurredAt,
  });
}
