import { Injectable } from '@nestjs/common';
import { Location, LotMovement, StockPosting, locationKey } from '@lotbridge/lot';
import { RawSql, recordAppliedMessage } from '@lotbridge/persistence';
import { PrismaService } from './prisma.service';

export interface StockRow {
  item: string;
  batchNumber: string;
  location: Location;
  locationKey: string;
  onHand: string;
  unit: string;
}

export interface StockFilter {
  item?: string;
  batchNumber?: string;
  locationKey?: string;
  /** include supplier, customer, in-transit and other virtual locations (their balances show flows, not stock) */
  includeVirtual?: boolean;
}

/** The ledger and balances of inventory_service, written only inside one transaction per movement. */
@Injectable()
export class StockRepository {
  constructor(private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: StockTransaction) => Promise<T>): Promise<T> {
    return this.prisma.$transaction((tx) => work(new StockTransaction(tx as unknown as RawSql)));
  }

  async findStock(filter: StockFilter): Promise<StockRow[]> {
    const rows = await this.prisma.stockBalance.findMany({
      where: {
        item: filter.item,
        batchNumber: filter.batchNumber,
        locationKey: filter.locationKey,
        ...(filter.includeVirtual ? {} : { locationKind: 'warehouse' }),
        NOT: { onHand: 0 },
      },
      orderBy: [{ item: 'asc' }, { batchNumber: 'asc' }, { locationKey: 'asc' }],
    });
    return rows.map((row) => ({
      item: row.item,
      batchNumber: row.batchNumber,
      location: { kind: row.locationKind as Location['kind'], code: row.locationCode, ...(row.bin !== null && { bin: row.bin }) },
      locationKey: row.locationKey,
      onHand: row.onHand.toFixed(),
      unit: row.unit,
    }));
  }
}

export class StockTransaction {
  constructor(private readonly tx: RawSql) {}

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

  async post(posting: StockPosting, unit: string): Promise<void> {
    await this.tx.$executeRawUnsafe(
      `INSERT INTO stock_balance (item, batch_number, location_key, location_kind, location_code, bin, on_hand, unit, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, now())
       ON CONFLICT (item, batch_number, location_key) DO UPDATE SET on_hand = stock_balance.on_hand + EXCLUDED.on_hand, updated_at = now()`,
      posting.item,
      posting.batchNumber,
      locationKey(posting.location),
      posting.location.kind,
      posting.location.code,
      posting.location.bin ?? null,
      posting.delta,
      unit,
    );
  }

  async appendToLedger(movement: LotMovement): Promise<void> {
    await this.tx.$executeRawUnsafe(
      `INSERT INTO ledger_movement (movement_id, kind, item, batch_number, quantity, unit, from_key, to_key, occurred_at, source_system, source_document, source_line)
       VALUES ($1, $2, $3, $4, $5::numeric, $6, $7, $8, $9::timestamptz, $10, $11, $12)`,
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
    );
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
