import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Alert, TOPICS } from '@lotbridge/contracts';
import { canonicalQuantity, Location, LotMovement, NegativeStockPolicy, StockPosting, locationKey } from '@lotbridge/lot';
import { outboxEntry } from '@lotbridge/messaging';
import { RawSql, recordAppliedMessage, writeOutbox } from '@lotbridge/persistence';
import { availableQuantity } from '@lotbridge/inventory';
import { PrismaService } from './prisma.service';

export interface StockRow {
  item: string;
  batchNumber: string;
  location: Location;
  locationKey: string;
  onHand: string;
  /** held by open reservations of the allocation service */
  reserved: string;
  /** onHand − reserved, exact (negative when more is reserved than is there) */
  available: string;
  unit: string;
}

export interface LedgerMovementRow {
  movementId: string;
  kind: string;
  item: string;
  batchNumber: string;
  quantity: string;
  unit: string;
  from: string;
  to: string;
  occurredAt: string;
  source: { system: string; document: string; line: string };
  transformation: { transformationId: string; role: string | null } | null;
}

export interface StockFilter {
  item?: string;
  batchNumber?: string;
  locationKey?: string;
  /** every warehouse location of a plant ("DE01": DE01/MAIN, DE01/COLD#A-01, ...) */
  plant?: string;
  /** include supplier, customer, in-transit and other virtual locations (their balances show flows, not stock) */
  includeVirtual?: boolean;
}

/** The ledger and balances of inventory_service, written only inside one transaction per movement. */
@Injectable()
export class StockRepository {
  constructor(private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: StockTransaction) => Promise<T>): Promise<T> {
    // maxWait: under load the consumer and the outbox relay share the pool; waiting a little beats failing.
    return this.prisma.$transaction((tx) => work(new StockTransaction(tx as unknown as RawSql)), { maxWait: 10_000, timeout: 30_000 });
  }

  /** Stock now: balances with what reservations hold of them; a lot location that is only reserved is listed too. */
  async findStock(filter: StockFilter): Promise<StockRow[]> {
    return this.stockRows(
      `SELECT item, batch_number, location_key, location_kind, location_code, bin, on_hand, unit FROM stock_balance WHERE on_hand <> 0`,
      `SELECT item, batch_number, location_key, MAX(location_kind) AS location_kind, MAX(location_code) AS location_code, MAX(bin) AS bin,
              SUM(held) AS reserved, MAX(unit) AS unit
       FROM stock_reservation WHERE held <> 0 GROUP BY item, batch_number, location_key`,
      filter,
      [],
    );
  }

  /**
   * Stock as of an instant, replayed from the ledger postings (not from balances, which only know now); reserved as
   * of the instant from the reservation versions known then.
   */
  async findStockAsOf(filter: StockFilter, asOf: string): Promise<StockRow[]> {
    return this.stockRows(
      `SELECT item, batch_number, location_key, location_kind, location_code, bin, SUM(delta) AS on_hand, MAX(unit) AS unit
       FROM ledger_posting WHERE occurred_at <= $6::timestamptz
       GROUP BY item, batch_number, location_key, location_kind, location_code, bin HAVING SUM(delta) <> 0`,
      `SELECT v.item, v.batch_number, v.location_key, MAX(r.location_kind) AS location_kind, MAX(r.location_code) AS location_code,
              MAX(r.bin) AS bin, SUM(v.held) AS reserved, MAX(r.unit) AS unit
       FROM (SELECT DISTINCT ON (reservation_id) reservation_id, item, batch_number, location_key, held FROM reservation_version
             WHERE changed_at <= $6::timestamptz ORDER BY reservation_id, version DESC) v
       JOIN stock_reservation r USING (reservation_id)
       WHERE v.held <> 0 GROUP BY v.item, v.batch_number, v.location_key`,
      filter,
      [asOf],
    );
  }

  private async stockRows(balances: string, reservations: string, filter: StockFilter, extra: unknown[]): Promise<StockRow[]> {
    const rows = await this.prisma.$queryRawUnsafe<Array<{ item: string; batch_number: string; location_key: string; location_kind: string; location_code: string; bin: string | null; on_hand: string; reserved: string; unit: string }>>(
      `WITH b AS (${balances}), r AS (${reservations})
       SELECT COALESCE(b.item, r.item) AS item, COALESCE(b.batch_number, r.batch_number) AS batch_number,
              COALESCE(b.location_key, r.location_key) AS location_key, COALESCE(b.location_kind, r.location_kind) AS location_kind,
              COALESCE(b.location_code, r.location_code) AS location_code, COALESCE(b.bin, r.bin) AS bin,
              COALESCE(b.on_hand, 0)::text AS on_hand, COALESCE(r.reserved, 0)::text AS reserved, COALESCE(b.unit, r.unit) AS unit
       FROM b FULL OUTER JOIN r ON b.item = r.item AND b.batch_number = r.batch_number AND b.location_key = r.location_key
       WHERE ($1::text IS NULL OR COALESCE(b.item, r.item) = $1) AND ($2::text IS NULL OR COALESCE(b.batch_number, r.batch_number) = $2)
         AND ($3::text IS NULL OR COALESCE(b.location_key, r.location_key) = $3)
         AND ($4 OR COALESCE(b.location_kind, r.location_kind) = 'warehouse')
         AND ($5::text IS NULL OR (COALESCE(b.location_kind, r.location_kind) = 'warehouse' AND split_part(COALESCE(b.location_code, r.location_code), '/', 1) = $5))
       ORDER BY 1, 2, 3`,
      filter.item ?? null, filter.batchNumber ?? null, filter.locationKey ?? null, filter.includeVirtual ?? false,
      filter.plant ?? null,
      ...extra,
    );
    return rows.map((row) => {
      const onHand = canonicalQuantity(row.on_hand);
      const reserved = canonicalQuantity(row.reserved);
      return {
        item: row.item,
        batchNumber: row.batch_number,
        location: { kind: row.location_kind as Location['kind'], code: row.location_code, ...(row.bin !== null && { bin: row.bin }) },
        locationKey: row.location_key,
        onHand,
        reserved,
        available: availableQuantity(onHand, reserved),
        unit: row.unit,
      };
    });
  }

  /** The ledger's movements of a lot or a transformation, in the order they happened. */
  async movements(filter: { item?: string; batchNumber?: string; transformationId?: string }): Promise<LedgerMovementRow[]> {
    const rows = await this.prisma.ledgerMovement.findMany({
      where: { item: filter.item, batchNumber: filter.batchNumber, transformationId: filter.transformationId },
      orderBy: [{ occurredAt: 'asc' }, { movementId: 'asc' }],
      take: 1000,
    });
    return rows.map((row) => ({
      movementId: row.movementId,
      kind: row.kind,
      item: row.item,
      batchNumber: row.batchNumber,
      quantity: row.quantity.toFixed(),
      unit: row.unit,
      from: row.fromKey,
      to: row.toKey,
      occurredAt: row.occurredAt.toISOString(),
      source: { system: row.sourceSystem, document: row.sourceDocument, line: row.sourceLine },
      transformation: row.transformationId === null ? null : { transformationId: row.transformationId, role: row.transformationRole },
    }));
  }

  async setNegativeStockPolicy(plant: string, policy: NegativeStockPolicy): Promise<void> {
    await this.prisma.warehousePolicy.upsert({ where: { plant }, create: { plant, negativeStock: policy }, update: { negativeStock: policy } });
  }

  async parkedIssues(item?: string): Promise<ParkedIssue[]> {
    const rows = await this.prisma.parkedMovement.findMany({ where: { item }, orderBy: [{ occurredAt: 'asc' }, { movementId: 'asc' }] });
    return rows.map((row) => ({ movementId: row.movementId, item: row.item, batchNumber: row.batchNumber, from: row.fromKey, occurredAt: row.occurredAt.toISOString(), reason: row.reason, parkedAt: row.parkedAt.toISOString() }));
  }

  async alerts(filter: { openOnly: boolean; item?: string }): Promise<AlertRow[]> {
    const rows = await this.prisma.stockAlert.findMany({
      where: { item: filter.item, ...(filter.openOnly ? { clearedAt: null } : {}) },
      orderBy: [{ raisedAt: 'asc' }, { alertId: 'asc' }],
    });
    return rows.map((row) => ({ alertId: row.alertId, kind: row.kind, item: row.item, batchNumber: row.batchNumber, location: row.locationKey, detail: row.detail, raisedAt: row.raisedAt.toISOString(), clearedAt: row.clearedAt?.toISOString() ?? null }));
  }
}


/** A lot, a lot at a location, or an item at a plant (batchNumber null): see libs/inventory alert-rules.ts. */
export interface AlertSubject {
  item: string;
  batchNumber: string | null;
  location: string | null;
}

// For a lot at a location this is `kind|["item","batch"]|location`, as alerts raised before item-level alerts existed.
const openKey = (kind: string, subject: AlertSubject) => `${kind}|${JSON.stringify([subject.item, subject.batchNumber])}|${subject.location ?? ''}`;

export interface ParkedIssue {
  movementId: string;
  item: string;
  batchNumber: string;
  from: string;
  occurredAt: string;
  reason: string;
  parkedAt: string;
}

export interface AlertRow {
  alertId: string;
  kind: string;
  item: string | null;
  batchNumber: string | null;
  location: string | null;
  detail: string;
  raisedAt: string;
  clearedAt: string | null;
}

export class StockTransaction {
  constructor(private readonly tx: RawSql) {}

  /** for the platform helpers (outbox) that take any transaction */
  get raw(): RawSql {
    return this.tx;
  }

  /** Raw statements of the inventory schema for the other handlers of this service (reservations, counts, alerts). */
  $execute(sql: string, ...values: unknown[]): Promise<number> {
    return this.tx.$executeRawUnsafe(sql, ...values);
  }

  $query<T>(sql: string, ...values: unknown[]): Promise<T[]> {
    return this.tx.$queryRawUnsafe<T[]>(sql, ...values);
  }

  /** false when this message was applied before */
  recordMessage(messageId: string): Promise<boolean> {
    return recordAppliedMessage(this.tx, messageId);
  }

  async hasMovement(movementId: string): Promise<boolean> {
    const rows = await this.tx.$queryRawUnsafe<unknown[]>('SELECT 1 FROM ledger_movement WHERE movement_id = $1', movementId);
    return rows.length > 0;
  }

  /** On-hand quantity of the lot at a location, locking the balance row until the transaction ends. */
  async lockOnHand(item: string, batchNumber: string, location: Location): Promise<string> {
    const rows = await this.tx.$queryRawUnsafe<Array<{ on_hand: string }>>(
      'SELECT on_hand::text AS on_hand FROM stock_balance WHERE item = $1 AND batch_number = $2 AND location_key = $3 FOR UPDATE',
      item,
      batchNumber,
      locationKey(location),
    );
    return rows[0]?.on_hand ?? '0';
  }

  /** Posts to the balance and the ledger; returns the new balance at the posting's location. */
  async post(posting: StockPosting, movement: LotMovement): Promise<string> {
    const key = locationKey(posting.location);
    const { kind, code, bin } = posting.location;
    await this.tx.$executeRawUnsafe(
      `INSERT INTO ledger_posting (movement_id, item, batch_number, location_key, location_kind, location_code, bin, delta, unit, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::numeric, $9, $10::timestamptz)`,
      movement.movementId, posting.item, posting.batchNumber, key, kind, code, bin ?? null, posting.delta, movement.unit, movement.occurredAt,
    );
    const rows = await this.tx.$queryRawUnsafe<Array<{ on_hand: string }>>(
      `INSERT INTO stock_balance (item, batch_number, location_key, location_kind, location_code, bin, on_hand, unit, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, now())
       ON CONFLICT (item, batch_number, location_key) DO UPDATE SET on_hand = stock_balance.on_hand + EXCLUDED.on_hand, updated_at = now()
       RETURNING on_hand::text AS on_hand`,
      posting.item, posting.batchNumber, key, kind, code, bin ?? null, posting.delta, movement.unit,
    );
    return rows[0]?.on_hand ?? '0';
  }

  async policyOf(plant: string): Promise<NegativeStockPolicy> {
    const rows = await this.tx.$queryRawUnsafe<Array<{ negative_stock: NegativeStockPolicy }>>('SELECT negative_stock FROM warehouse_policy WHERE plant = $1', plant);
    return rows[0]?.negative_stock ?? 'strict';
  }

  async park(movement: LotMovement, reason: string): Promise<void> {
    await this.tx.$executeRawUnsafe(
      `INSERT INTO parked_movement (movement_id, item, batch_number, from_key, occurred_at, movement, reason)
       VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb, $7) ON CONFLICT (movement_id) DO NOTHING`,
      movement.movementId, movement.item, movement.batchNumber, locationKey(movement.from), movement.occurredAt, JSON.stringify(movement), reason,
    );
  }

  /** Issues parked at this lot and location, oldest first, locked so that two consumers never post one twice. */
  async parkedAt(item: string, batchNumber: string, location: Location): Promise<LotMovement[]> {
    const rows = await this.tx.$queryRawUnsafe<Array<{ movement: LotMovement }>>(
      'SELECT movement FROM parked_movement WHERE item = $1 AND batch_number = $2 AND from_key = $3 ORDER BY occurred_at, movement_id FOR UPDATE',
      item, batchNumber, locationKey(location),
    );
    return rows.map((row) => row.movement);
  }

  async unpark(movementId: string): Promise<void> {
    await this.tx.$executeRawUnsafe('DELETE FROM parked_movement WHERE movement_id = $1', movementId);
  }

  /** Raises an alert unless the same condition is already open: one alert per occurrence, not a storm. */
  async raiseAlert(kind: string, subject: AlertSubject, detail: string, at = new Date().toISOString()): Promise<boolean> {
    const alertId = randomUUID();
    const inserted = await this.tx.$executeRawUnsafe(
      `INSERT INTO stock_alert (alert_id, kind, item, batch_number, location_key, detail, open_key, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz) ON CONFLICT (open_key) DO NOTHING`,
      alertId, kind, subject.item, subject.batchNumber, subject.location, detail, openKey(kind, subject), at,
    );
    if (inserted === 1) await this.publishAlert({ alertId, kind, state: 'RAISED', detail, at, subject });
    return inserted === 1;
  }

  /** Clears the open alert of this condition, if there is one. */
  async clearAlert(kind: string, subject: AlertSubject, detail: string, at = new Date().toISOString()): Promise<boolean> {
    const cleared = await this.tx.$queryRawUnsafe<Array<{ alert_id: string }>>(
      'UPDATE stock_alert SET open_key = NULL, cleared_at = $2::timestamptz WHERE open_key = $1 RETURNING alert_id',
      openKey(kind, subject), at,
    );
    for (const { alert_id } of cleared) await this.publishAlert({ alertId: alert_id, kind, state: 'CLEARED', detail, at, subject });
    return cleared.length > 0;
  }

  private publishAlert({ alertId, kind, state, detail, at, subject }: { alertId: string; kind: string; state: Alert['state']; detail: string; at: string; subject: AlertSubject }): Promise<void> {
    const alert: Alert = { alertId, kind, state, service: 'inventory-service', item: subject.item, batchNumber: subject.batchNumber, location: subject.location, detail, at };
    return writeOutbox(this.tx, [outboxEntry(TOPICS.alerts, openKey(kind, subject), `${alertId}|${state}`, alert)]);
  }

  async appendToLedger(movement: LotMovement): Promise<void> {
    await this.tx.$executeRawUnsafe(
      `INSERT INTO ledger_movement (movement_id, kind, item, batch_number, quantity, unit, from_key, to_key, occurred_at, source_system, source_document, source_line,
                                    transformation_id, transformation_role)
       VALUES ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9::timestamptz, $10, $11, $12, $13, $14)`,
      movement.movementId,
      movement.kind,
      movement.item,
      movement.batchNumber,
      movement.quantity,
      movement.unit,
      locationKey(movement.from),
      locationKey(movement.to),
      movement.occurredAt,
      movement.source.system,
      movement.source.document,
      movement.source.line,
      movement.transformation?.transformationId ?? null,
      movement.transformation?.role ?? null,
    );
    // A movement that names the lot's dates is master data too where lot.master.v1 said nothing (yet): the
    // expiry alerts need it. Master data, recorded later, always wins (recorded_at of the epoch).
    if (movement.expiryDate !== undefined || movement.productionDate !== undefined) {
      await this.tx.$executeRawUnsafe(
        `INSERT INTO lot (item, batch_number, production_date, expiry_date, recorded_at) VALUES ($1, $2, $3::date, $4::date, to_timestamp(0))
         ON CONFLICT (item, batch_number) DO UPDATE SET production_date = COALESCE(lot.production_date, EXCLUDED.production_date),
           expiry_date = COALESCE(lot.expiry_date, EXCLUDED.expiry_date)`,
        movement.item, movement.batchNumber, movement.productionDate ?? null, movement.expiryDate ?? null,
      );
    }
  }

  async upsertLot(lot: { item: string; batchNumber: string; productionDate: string | null; expiryDate: string | null; supplier: string | null; supplierBatchNumber: string | null; recordedAt: string }): Promise<void> {
    await this.tx.$executeRawUnsafe(
      `INSERT INTO lot (item, batch_number, production_date, expiry_date, supplier, supplier_batch_number, recorded_at)
       VALUES ($1, $2, $3::date, $4::date, $5, $6, $7::timestamptz)
       ON CONFLICT (item, batch_number) DO UPDATE SET production_date = EXCLUDED.production_date, expiry_date = EXCLUDED.expiry_date,
         supplier = EXCLUDED.supplier, supplier_batch_number = EXCLUDED.supplier_batch_number, recorded_at = EXCLUDED.recorded_at
       WHERE lot.recorded_at <= EXCLUDED.recorded_at`,
      lot.item,
      lot.batchNumber,
      lot.productionDate,
      lot.expiryDate,
      lot.supplier,
      lot.supplierBatchNumber,
      lot.recordedAt,
    );
  }
}
