import { Injectable } from '@nestjs/common';
import { AllocationDecision, CustomerConstraints, OrderLineReservation } from '@lotbridge/allocation';
import { canonicalQuantity, Location, LocationKind, locationKey } from '@lotbridge/lot';
import { OutboxEntry } from '@lotbridge/messaging';
import { RawSql } from '@lotbridge/persistence';
import { ReservationRecord } from '../messaging/reservation.mapper';
import { writeOutboxBatch } from './allocation-sql';
import { PgTransactions } from './pg-transactions';

/** Stock of one lot at one warehouse location as the decision reads it: on hand and reserved, separately. */
export interface StockRow {
  batchNumber: string;
  location: Location;
  locationKey: string;
  onHand: string;
  reserved: string;
  unit: string;
  receivedAt: string;
  expiryDate?: string;
}

export interface AuditEntry {
  orderLineId: string;
  item: string;
  batchNumber: string;
  location: string;
  verdict: 'chosen' | 'skipped' | 'released';
  code: string;
  quantity: string | null;
  detail: string;
  at: string;
}

export interface StoredOrderLine {
  orderLineId: string;
  status: 'allocated' | 'cancelled';
  decision: AllocationDecision | null;
  decidedAt: string;
  cancelledAt: string | null;
}

/** Which open reservations a release takes: those of one order line, or those of one lot. */
export type ReleaseScope = { orderLineId: string } | { item: string; batchNumber: string };

const ISO_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO_INSTANT})`;

/**
 * The reservation ledger of allocation_service in PostgreSQL. A decision runs in one transaction of few round
 * trips: lock the item in the plant (advisory lock) and read the order line and the customer's constraints,
 * read the candidate stock, write order line + reservations + reserved totals + audit + outbox in one statement.
 */
@Injectable()
export class AllocationRepository {
  constructor(private readonly pg: PgTransactions) {}

  transaction<T>(work: (tx: AllocationTransaction) => Promise<T>): Promise<T> {
    return this.pg.transaction((sql) => work(new AllocationTransaction(sql)));
  }

  async findOrderLine(orderLineId: string): Promise<StoredOrderLine | undefined> {
    return new AllocationTransaction(this.pg.sql).orderLine(orderLineId);
  }

  reservationsOf(orderLineId: string): Promise<ReservationRecord[]> {
    return new AllocationTransaction(this.pg.sql).reservationsOf(orderLineId);
  }

  reservationsOfLot(item: string, batchNumber: string, state?: ReservationRecord['state']): Promise<ReservationRecord[]> {
    return new AllocationTransaction(this.pg.sql).reservationsOfLot(item, batchNumber, state);
  }

  async audit(filter: { orderLineId?: string; item?: string; batchNumber?: string }): Promise<AuditEntry[]> {
    const rows = await this.pg.sql.$queryRawUnsafe<Array<Omit<AuditEntry, 'quantity'> & { quantity: string | null }>>(
      `SELECT order_line_id AS "orderLineId", item, batch_number AS "batchNumber", location_key AS location, verdict, code,
              quantity::text AS quantity, detail, ${iso('at')} AS at
       FROM allocation_audit
       WHERE ($1::text IS NULL OR order_line_id = $1) AND ($2::text IS NULL OR item = $2) AND ($3::text IS NULL OR batch_number = $3)
       ORDER BY id LIMIT 10000`,
      filter.orderLineId ?? null,
      filter.item ?? null,
      filter.batchNumber ?? null,
    );
    return rows.map((row) => ({ ...row, quantity: row.quantity === null ? null : canonicalQuantity(row.quantity) }));
  }

  async setConstraints(constraints: CustomerConstraints): Promise<void> {
    await this.pg.sql.$executeRawUnsafe(
      `INSERT INTO customer_constraint (customer, min_remaining_shelf_life_days, excluded_batch_numbers, max_lots_per_line) VALUES ($1, $2, $3::text[], $4)
       ON CONFLICT (customer) DO UPDATE SET min_remaining_shelf_life_days = EXCLUDED.min_remaining_shelf_life_days,
         excluded_batch_numbers = EXCLUDED.excluded_batch_numbers, max_lots_per_line = EXCLUDED.max_lots_per_line`,
      constraints.customer,
      constraints.minRemainingShelfLifeDays ?? null,
      [...(constraints.excludedBatchNumbers ?? [])],
      constraints.maxLotsPerLine ?? null,
    );
  }
}

interface ConstraintRow {
  customer: string;
  min_remaining_shelf_life_days: number | null;
  excluded_batch_numbers: string[];
  max_lots_per_line: number | null;
}

export class AllocationTransaction {
  constructor(readonly sql: RawSql) {}

  /**
   * Serialises decisions on one item in one plant (two order lines never count the same free units) and reads,
   * in the same round trip, the order line's earlier entry and the customer's constraints.
   */
  async lockItemInPlant(item: string, warehouse: string, orderLineId: string, customer: string): Promise<{ existing?: OrderLineReservation; constraints: CustomerConstraints[] }> {
    const [row] = await this.sql.$queryRawUnsafe<Array<{ existing: { status: 'allocated' | 'cancelled'; decision: AllocationDecision | null } | null; constraints: ConstraintRow | null }>>(
      `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text AS locked,
              (SELECT jsonb_build_object('status', status, 'decision', decision) FROM order_line WHERE order_line_id = $2) AS existing,
              (SELECT to_jsonb(c) FROM customer_constraint c WHERE customer = $3) AS constraints`,
      JSON.stringify([item, warehouse]),
      orderLineId,
      customer,
    );
    return { existing: row?.existing ? toLedgerEntry(row.existing) : undefined, constraints: row?.constraints ? [toConstraints(row.constraints)] : [] };
  }

  /**
   * Stock of the item at warehouse locations of the plant ("DE01", "DE01/…") with something on hand, with the
   * lot's receipt and expiry. The lot rows are share-locked: a status change of one of these lots (which
   * updates its row) waits for this decision and then releases what it reserved.
   */
  async candidates(item: string, warehouse: string): Promise<StockRow[]> {
    const rows = await this.sql.$queryRawUnsafe<Array<{ batch_number: string; location_key: string; location_kind: LocationKind; location_code: string; bin: string | null; on_hand: string; reserved: string; unit: string; received_at: string; expiry_date: string | null }>>(
      `SELECT s.batch_number, s.location_key, s.location_kind, s.location_code, s.bin, s.on_hand::text AS on_hand, s.reserved::text AS reserved, s.unit,
              ${iso('l.received_at')} AS received_at, to_char(l.expiry_date, 'YYYY-MM-DD') AS expiry_date
       FROM lot_stock s JOIN lot l ON l.item = s.item AND l.batch_number = s.batch_number
       WHERE s.item = $1 AND s.location_kind = 'warehouse' AND (s.location_code = $2 OR starts_with(s.location_code, $2 || '/'))
         AND s.on_hand > 0 AND l.received_at IS NOT NULL
       FOR SHARE OF l`,
      item,
      warehouse,
    );
    return rows.map((row) => ({
      batchNumber: row.batch_number,
      location: row.bin === null ? { kind: row.location_kind, code: row.location_code } : { kind: row.location_kind, code: row.location_code, bin: row.bin },
      locationKey: row.location_key,
      onHand: canonicalQuantity(row.on_hand),
      reserved: canonicalQuantity(row.reserved),
      unit: row.unit,
      receivedAt: row.received_at,
      ...(row.expiry_date !== null && { expiryDate: row.expiry_date }),
    }));
  }

  /** The order line, its reservations, their reserved totals, its audit trail and its messages: one statement. */
  async recordDecision(decision: AllocationDecision, reservations: readonly ReservationRecord[], outbox: readonly OutboxEntry[], at: string): Promise<void> {
    const { line } = decision;
    await this.sql.$executeRawUnsafe(
      `WITH order_line_row AS (
         INSERT INTO order_line (order_line_id, item, warehouse, status, decision, decided_at) VALUES ($1, $2, $3, 'allocated', $4::jsonb, $5::timestamptz)
       ), reservation_rows AS (
         INSERT INTO reservation (reservation_id, order_line_id, item, batch_number, location_key, location, quantity, unit, state, version, changed_at)
         SELECT r.id, $1, $2, r.batch_number, r.location_key, r.location::jsonb, r.quantity::numeric, $6, 'RESERVED', 1, $5::timestamptz
         FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) AS r(id, batch_number, location_key, location, quantity)
       ), reserved_totals AS (
         UPDATE lot_stock s SET reserved = s.reserved + r.quantity::numeric
         FROM unnest($8::text[], $9::text[], $11::text[]) AS r(batch_number, location_key, quantity)
         WHERE s.item = $2 AND s.batch_number = r.batch_number AND s.location_key = r.location_key
       ), audit_rows AS (
         INSERT INTO allocation_audit (order_line_id, item, batch_number, location_key, verdict, code, quantity, detail, at)
         SELECT $1, $2, a.batch_number, a.location_key, a.verdict, a.code, a.quantity::numeric, a.detail, $5::timestamptz
         FROM unnest($12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[]) WITH ORDINALITY AS a(batch_number, location_key, verdict, code, quantity, detail, n)
         ORDER BY a.n
       )
       INSERT INTO outbox_message (topic, key, message_id, payload)
       SELECT o.topic, o.key, o.message_id, decode(o.payload, 'hex')
       FROM unnest($18::text[], $19::text[], $20::text[], $21::text[]) WITH ORDINALITY AS o(topic, key, message_id, payload, n) ORDER BY o.n`,
      decision.orderLineId,
      line.item,
      line.warehouse,
      JSON.stringify(decision),
      at,
      line.unit,
      reservations.map((r) => r.reservationId),
      reservations.map((r) => r.batchNumber),
      reservations.map((r) => locationKey(r.location)),
      reservations.map((r) => JSON.stringify(r.location)),
      reservations.map((r) => r.quantity),
      decision.reasons.map((r) => r.batchNumber),
      decision.reasons.map((r) => locationKey(r.location)),
      decision.reasons.map((r) => r.verdict),
      decision.reasons.map((r) => r.code),
      decision.reasons.map((r) => (r.verdict === 'chosen' ? r.quantity : null)),
      decision.reasons.map((r) => r.detail),
      outbox.map((e) => e.topic),
      outbox.map((e) => e.key),
      outbox.map((e) => e.messageId),
      outbox.map((e) => e.payload.toString('hex')),
    );
  }

  /** The order line, its row locked until the transaction ends (cancel). */
  async orderLine(orderLineId: string, lock = false): Promise<StoredOrderLine | undefined> {
    const [row] = await this.sql.$queryRawUnsafe<StoredOrderLine[]>(
      `SELECT order_line_id AS "orderLineId", status, decision, ${iso('decided_at')} AS "decidedAt", ${iso('cancelled_at')} AS "cancelledAt"
       FROM order_line WHERE order_line_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      orderLineId,
    );
    return row;
  }

  /** A cancellation that came before its allocation: the id is never allocated afterwards. False when it exists. */
  async recordTombstone(orderLineId: string, at: string): Promise<boolean> {
    const inserted = await this.sql.$executeRawUnsafe(
      `INSERT INTO order_line (order_line_id, item, warehouse, status, decided_at, cancelled_at) VALUES ($1, '', '', 'cancelled', $2::timestamptz, $2::timestamptz)
       ON CONFLICT (order_line_id) DO NOTHING`,
      orderLineId,
      at,
    );
    return inserted === 1;
  }

  async markCancelled(orderLineId: string, at: string): Promise<void> {
    await this.sql.$executeRawUnsafe(`UPDATE order_line SET status = 'cancelled', cancelled_at = $2::timestamptz WHERE order_line_id = $1`, orderLineId, at);
  }

  /**
   * Releases the open reservations in scope: state RELEASED, next version, reserved totals given back, an audit
   * entry each, in one statement. Returns them as released (the caller writes their messages).
   */
  async release(scope: ReleaseScope, code: string, reason: string, at: string): Promise<ReservationRecord[]> {
    const byLine = 'orderLineId' in scope;
    const rows = await this.sql.$queryRawUnsafe<ReservationRow[]>(
      `WITH released AS (
         UPDATE reservation SET state = 'RELEASED', version = version + 1, reason = $2, changed_at = $3::timestamptz
         WHERE state = 'RESERVED' AND ${byLine ? 'order_line_id = $1' : 'item = $1 AND batch_number = $5'}
         RETURNING *
       ), reserved_totals AS (
         UPDATE lot_stock s SET reserved = s.reserved - r.quantity
         FROM (SELECT item, batch_number, location_key, SUM(quantity) AS quantity FROM released GROUP BY item, batch_number, location_key) r
         WHERE s.item = r.item AND s.batch_number = r.batch_number AND s.location_key = r.location_key
       ), audit_rows AS (
         INSERT INTO allocation_audit (order_line_id, item, batch_number, location_key, verdict, code, quantity, detail, at)
         SELECT order_line_id, item, batch_number, location_key, 'released', $4, quantity, $2, $3::timestamptz FROM released ORDER BY reservation_id
       )
       SELECT ${RESERVATION_COLUMNS} FROM released ORDER BY reservation_id`,
      ...(byLine ? [scope.orderLineId, reason, at, code] : [scope.item, reason, at, code, scope.batchNumber]),
    );
    return rows.map(toReservation);
  }

  async reservationsOf(orderLineId: string): Promise<ReservationRecord[]> {
    const rows = await this.sql.$queryRawUnsafe<ReservationRow[]>(`SELECT ${RESERVATION_COLUMNS} FROM reservation WHERE order_line_id = $1 ORDER BY reservation_id`, orderLineId);
    return rows.map(toReservation);
  }

  /** The reservations of one lot, optionally only those in one state (a recall asks for the open ones). */
  async reservationsOfLot(item: string, batchNumber: string, state?: ReservationRecord['state']): Promise<ReservationRecord[]> {
    const rows = await this.sql.$queryRawUnsafe<ReservationRow[]>(
      `SELECT ${RESERVATION_COLUMNS} FROM reservation WHERE item = $1 AND batch_number = $2 AND ($3::text IS NULL OR state = $3) ORDER BY reservation_id`,
      item,
      batchNumber,
      state ?? null,
    );
    return rows.map(toReservation);
  }

  writeOutbox(entries: readonly OutboxEntry[]): Promise<void> {
    return writeOutboxBatch(this.sql, entries);
  }
}

const RESERVATION_COLUMNS = `reservation_id, version, order_line_id, item, batch_number, location, quantity::text AS quantity, unit, state, reason, ${iso('changed_at')} AS changed_at`;

interface ReservationRow {
  reservation_id: string;
  version: number;
  order_line_id: string;
  item: string;
  batch_number: string;
  location: Location;
  quantity: string;
  unit: string;
  state: 'RESERVED' | 'RELEASED';
  reason: string | null;
  changed_at: string;
}

function toReservation(row: ReservationRow): ReservationRecord {
  return {
    reservationId: row.reservation_id,
    version: Number(row.version),
    orderLineId: row.order_line_id,
    item: row.item,
    batchNumber: row.batch_number,
    location: row.location,
    quantity: canonicalQuantity(row.quantity),
    unit: row.unit,
    state: row.state,
    reason: row.reason,
    changedAt: row.changed_at,
  };
}

function toLedgerEntry(existing: { status: 'allocated' | 'cancelled'; decision: AllocationDecision | null }): OrderLineReservation {
  if (existing.status === 'allocated' && existing.decision) return { status: 'allocated', decision: existing.decision };
  return existing.decision ? { status: 'cancelled', decision: existing.decision } : { status: 'cancelled' };
}

function toConstraints(row: ConstraintRow): CustomerConstraints {
  return {
    customer: row.customer,
    ...(row.min_remaining_shelf_life_days !== null && { minRemainingShelfLifeDays: row.min_remaining_shelf_life_days }),
    ...(row.excluded_batch_numbers.length > 0 && { excludedBatchNumbers: row.excluded_batch_numbers }),
    ...(row.max_lots_per_line !== null && { maxLotsPerLine: row.max_lots_per_line }),
  };
}
