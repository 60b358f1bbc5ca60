import type { CarrierEvent, InTransitLine, ShipmentKey } from '@lotbridge/carrier-events';
import type { RawSql } from '@lotbridge/persistence';

interface LineRow {
  goods_issue_movement_id: string;
  delivery_number: string;
  ship_to: string;
  item: string;
  batch_number: string;
  quantity: string;
  unit: string;
  sscc: string | null;
  expiry_date: string | null;
  production_date: string | null;
  issued_at: string;
  delivered_movement_id: string | null;
}

export interface StoredLine extends InTransitLine {
  deliveredMovementId: string | null;
}

export interface StoredEvent {
  eventId: string;
  format: string;
  carrier: string | null;
  status: string;
  carrierStatus: string;
  occurredAt: string;
  location: string | null;
  message: string | null;
}

/** SQL over the adapter's shipment tables, inside the caller's transaction. */
export class ShipmentRepository {
  constructor(private readonly tx: RawSql) {}

  /** One writer at a time for shipment state: a goods issue and its "delivered" racing must not both miss each other. */
  lockShipments(): Promise<number> {
    return this.tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('carrier-adapter:shipments'))");
  }

  async insertLine(line: InTransitLine): Promise<boolean> {
    const inserted = await this.tx.$executeRawUnsafe(
      `INSERT INTO shipment_line (goods_issue_movement_id, delivery_number, ship_to, item, batch_number, quantity, unit, sscc, expiry_date, production_date, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (goods_issue_movement_id) DO NOTHING`,
      line.goodsIssueMovementId, line.deliveryNumber, line.shipTo, line.item, line.batchNumber, line.quantity, line.unit,
      line.sscc ?? null, line.expiryDate ?? null, line.productionDate ?? null, line.issuedAt,
    );
    return inserted === 1;
  }

  async lines(deliveryNumber: string, undeliveredOnly = false): Promise<StoredLine[]> {
    const rows = await this.tx.$queryRawUnsafe<LineRow[]>(
      `SELECT * FROM shipment_line WHERE delivery_number = $1 ${undeliveredOnly ? 'AND delivered_movement_id IS NULL' : ''} ORDER BY goods_issue_movement_id`,
      deliveryNumber,
    );
    return rows.map(toLine);
  }

  markLineDelivered(goodsIssueMovementId: string, movementId: string): Promise<number> {
    return this.tx.$executeRawUnsafe('UPDATE shipment_line SET delivered_movement_id = $2 WHERE goods_issue_movement_id = $1', goodsIssueMovementId, movementId);
  }

  /** In-transit deliveries holding a lot (EPCIS names lots by GTIN and batch; items are keyed by GTIN there). */
  async deliveriesHoldingLot(item: string, batchNumber: string): Promise<string[]> {
    const rows = await this.tx.$queryRawUnsafe<Array<{ delivery_number: string }>>(
      'SELECT DISTINCT delivery_number FROM shipment_line WHERE item = $1 AND batch_number = $2 AND delivered_movement_id IS NULL ORDER BY delivery_number',
      item,
      batchNumber,
    );
    return rows.map((row) => row.delivery_number);
  }

  link(key: ShipmentKey, deliveryNumber: string): Promise<number> {
    return this.tx.$executeRawUnsafe('INSERT INTO shipment_key_link (kind, value, delivery_number) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', key.kind, key.value, deliveryNumber);
  }

  async linkedDeliveries(key: ShipmentKey): Promise<string[]> {
    const rows = await this.tx.$queryRawUnsafe<Array<{ delivery_number: string }>>('SELECT delivery_number FROM shipment_key_link WHERE kind = $1 AND value = $2 ORDER BY delivery_number', key.kind, key.value);
    return rows.map((row) => row.delivery_number);
  }

  async keysOf(deliveryNumber: string): Promise<ShipmentKey[]> {
    const rows = await this.tx.$queryRawUnsafe<Array<{ kind: ShipmentKey['kind']; value: string }>>('SELECT kind, value FROM shipment_key_link WHERE delivery_number = $1', deliveryNumber);
    return rows.map((row) => ({ kind: row.kind, value: row.value }));
  }

  /** Records the proof of delivery once; the first one's instant stands. */
  async markDelivered(deliveryNumber: string, eventId: string, deliveredAt: string): Promise<{ eventId: string; deliveredAt: string }> {
    await this.tx.$executeRawUnsafe('INSERT INTO shipment_delivered (delivery_number, event_id, delivered_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', deliveryNumber, eventId, deliveredAt);
    const delivered = await this.delivered(deliveryNumber);
    if (!delivered) throw new Error(`shipment_delivered row of ${deliveryNumber} vanished inside its transaction`);
    return delivered;
  }

  async delivered(deliveryNumber: string): Promise<{ eventId: string; deliveredAt: string } | undefined> {
    const [row] = await this.tx.$queryRawUnsafe<Array<{ event_id: string; delivered_at: string }>>('SELECT event_id, delivered_at FROM shipment_delivered WHERE delivery_number = $1', deliveryNumber);
    return row && { eventId: row.event_id, deliveredAt: row.delivered_at };
  }

  park(key: ShipmentKey, eventId: string, occurredAt: string): Promise<number> {
    return this.tx.$executeRawUnsafe('INSERT INTO parked_delivery (kind, value, event_id, occurred_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', key.kind, key.value, eventId, occurredAt);
  }

  /**
   * Parked deliveries waiting for any of these keys, oldest event first. Every parked row of such an event is
   * removed (an event parked under an SSCC and a lot is taken once, not once per key).
   */
  async takeParked(keys: ShipmentKey[]): Promise<Array<{ eventId: string; occurredAt: string }>> {
    if (keys.length === 0) return [];
    const rows = await this.tx.$queryRawUnsafe<Array<{ event_id: string; occurred_at: string }>>(
      `DELETE FROM parked_delivery WHERE event_id IN (
         SELECT event_id FROM parked_delivery WHERE (kind, value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       ) RETURNING event_id, occurred_at`,
      keys.map((key) => key.kind),
      keys.map((key) => key.value),
    );
    const byEvent = new Map(rows.map((row) => [row.event_id, row.occurred_at]));
    return [...byEvent].map(([eventId, occurredAt]) => ({ eventId, occurredAt })).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  }

  async insertEvent(event: CarrierEvent, documentId: bigint): Promise<boolean> {
    const inserted = await this.tx.$executeRawUnsafe(
      `INSERT INTO tracking_event (event_id, document_id, format, carrier, status, carrier_status, occurred_at, keys, location, message, delivery_numbers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, '{}') ON CONFLICT (event_id) DO NOTHING`,
      event.eventId, documentId, event.format, event.carrier, event.status, event.carrierStatus, event.occurredAt, JSON.stringify(event.keys), event.location, event.message,
    );
    return inserted === 1;
  }

  assignEvent(eventId: string, deliveryNumbers: string[]): Promise<number> {
    return this.tx.$executeRawUnsafe(
      'UPDATE tracking_event SET delivery_numbers = ARRAY(SELECT DISTINCT unnest(delivery_numbers || $2::text[]) ORDER BY 1) WHERE event_id = $1',
      eventId,
      deliveryNumbers,
    );
  }

  async events(deliveryNumber: string): Promise<StoredEvent[]> {
    const rows = await this.tx.$queryRawUnsafe<Array<{ event_id: string; format: string; carrier: string | null; status: string; carrier_status: string; occurred_at: string; location: string | null; message: string | null }>>(
      'SELECT event_id, format, carrier, status, carrier_status, occurred_at, location, message FROM tracking_event WHERE $1 = ANY(delivery_numbers) ORDER BY occurred_at, event_id',
      deliveryNumber,
    );
    return rows.map((row) => ({ eventId: row.event_id, format: row.format, carrier: row.carrier, status: row.status, carrierStatus: row.carrier_status, occurredAt: row.occurred_at, location: row.location, message: row.message }));
  }
}

function toLine(row: LineRow): StoredLine {
  return {
    goodsIssueMovementId: row.goods_issue_movement_id,
    deliveryNumber: row.delivery_number,
    shipTo: row.ship_to,
    item: row.item,
    batchNumber: row.batch_number,
    quantity: row.quantity,
    unit: row.unit,
    issuedAt: row.issued_at,
    deliveredMovementId: row.delivered_movement_id,
    ...(row.sscc !== null ? { sscc: row.sscc } : {}),
    ...(row.expiry_date !== null ? { expiryDate: row.expiry_date } : {}),
    ...(row.production_date !== null ? { productionDate: row.production_date } : {}),
  };
}
