import { isInternal, Location, locationKey, LotMovement } from '@lotbridge/lot';
import { RawSql } from '@lotbridge/persistence';

/**
 * Allocation's own view of stock, built from lot.movements.v1 and lot.master.v1 (never by asking inventory):
 * on hand per lot per warehouse location, the lot's first receipt and its expiry date. Virtual locations
 * (supplier, customer, in transit, ...) hold nothing allocatable and are not kept.
 *
 * Lock order, shared with the decision (which share-locks lot rows, then updates lot_stock): a lot row is
 * touched before lot_stock, and only when it really changes (INSERT … DO NOTHING and conditional UPDATEs lock
 * nothing otherwise), so a receipt does not wait for decisions on the same lot.
 */
export async function applyMovementToProjection(tx: RawSql, movement: LotMovement): Promise<void> {
  if (isInternal(movement.to)) {
    await tx.$executeRawUnsafe(
      `INSERT INTO lot (item, batch_number, received_at, expiry_date) VALUES ($1, $2, $3::timestamptz, $4::date) ON CONFLICT (item, batch_number) DO NOTHING`,
      movement.item,
      movement.batchNumber,
      movement.occurredAt,
      movement.expiryDate ?? null,
    );
    // Documents arrive out of order: the first receipt is the earliest movement into a warehouse, whenever it is heard.
    await tx.$executeRawUnsafe(
      `UPDATE lot SET received_at = $3::timestamptz WHERE item = $1 AND batch_number = $2 AND (received_at IS NULL OR received_at > $3::timestamptz)`,
      movement.item,
      movement.batchNumber,
      movement.occurredAt,
    );
    if (movement.expiryDate !== undefined) {
      // lot master data (lot.master.v1) is the authority on expiry; a movement's date only fills a gap
      await tx.$executeRawUnsafe(
        `UPDATE lot SET expiry_date = $3::date WHERE item = $1 AND batch_number = $2 AND expiry_date IS NULL AND expiry_recorded_at IS NULL`,
        movement.item,
        movement.batchNumber,
        movement.expiryDate,
      );
    }
  }
  if (isInternal(movement.from)) await addOnHand(tx, movement, movement.from, `-${movement.quantity}`);
  if (isInternal(movement.to)) await addOnHand(tx, movement, movement.to, movement.quantity);
}

async function addOnHand(tx: RawSql, movement: LotMovement, location: Location, delta: string): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO lot_stock (item, batch_number, location_key, location_kind, location_code, bin, on_hand, unit) VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8)
     ON CONFLICT (item, batch_number, location_key) DO UPDATE SET on_hand = lot_stock.on_hand + EXCLUDED.on_hand`,
    movement.item,
    movement.batchNumber,
    locationKey(location),
    location.kind,
    location.code,
    location.bin ?? null,
    delta,
    movement.unit,
  );
}

/** Expiry from lot master data; the latest record (by recordedAt) wins. */
export async function applyLotMasterToProjection(tx: RawSql, lot: { item: string; batchNumber: string; expiryDate: string | null; recordedAt: string }): Promise<void> {
  await tx.$executeRawUnsafe(`INSERT INTO lot (item, batch_number) VALUES ($1, $2) ON CONFLICT (item, batch_number) DO NOTHING`, lot.item, lot.batchNumber);
  await tx.$executeRawUnsafe(
    `UPDATE lot SET expiry_date = $3::date, expiry_recorded_at = $4::timestamptz
     WHERE item = $1 AND batch_number = $2 AND (expiry_recorded_at IS NULL OR expiry_recorded_at <= $4::timestamptz)`,
    lot.item,
    lot.batchNumber,
    lot.expiryDate,
    lot.recordedAt,
  );
}

/**
 * Records the lot's status as heard on lot.status.v1 unless a later change was heard already. Updating the row
 * waits for decisions that share-locked it, so reservations they made are committed before the caller
 * releases the lot's reservations. Returns false for a change older than the one recorded.
 */
export async function applyLotStatusToProjection(tx: RawSql, change: { item: string; batchNumber: string; status: string; changedAt: string }): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<Array<{ applied: boolean }>>(
    `INSERT INTO lot (item, batch_number, status, status_changed_at) VALUES ($1, $2, $3, $4::timestamptz)
     ON CONFLICT (item, batch_number) DO UPDATE SET status = EXCLUDED.status, status_changed_at = EXCLUDED.status_changed_at
       WHERE lot.status_changed_at IS NULL OR lot.status_changed_at <= EXCLUDED.status_changed_at
     RETURNING true AS applied`,
    change.item,
    change.batchNumber,
    change.status,
    change.changedAt,
  );
  return rows.length > 0;
}
