import { randomUUID } from 'node:crypto';
import type { AdvanceShippingNotice, DiscrepancyKind, ExpectedLineState, OpenNotice, ReceivedLot } from '@lotbridge/asn';
import { Alert, TOPICS } from '@lotbridge/contracts';
import { canonicalQuantity } from '@lotbridge/lot';
import { outboxEntry } from '@lotbridge/messaging';
import { RawSql, writeOutbox } from '@lotbridge/persistence';
import { ASN_ADAPTER } from './outbox-relay.service';

/**
 * The adapter's tables (schema asn_adapter), in SQL: every call runs inside the caller's transaction. A notice's
 * key is the id of the raw document it was read from (inbound_document.id), so the sender's answer, the raw copy
 * and GET /asns/:key all use one number.
 */

export interface NoticeRow {
  asnKey: string;
  asnId: string;
  format: string;
  supplier: string;
  buyer: string | null;
  shipTo: string | null;
  issued: string | null;
  status: 'open' | 'closed';
  acceptedAt: string;
  closeAfter: string;
  closedAt: string | null;
  closedBy: string | null;
  warnings: string[];
}

export interface LineRow {
  lineNumber: string;
  item: string;
  gtin: string | null;
  supplierPartNumber: string | null;
  batchNumber: string;
  expiryDate: string | null;
  productionDate: string | null;
  quantity: string;
  unit: string;
  sscc: string | null;
  purchaseOrder: string | null;
  received: string;
}

export interface DiscrepancyRow {
  discrepancyId: string;
  asnKey: string;
  asnId: string;
  supplier: string;
  kind: DiscrepancyKind;
  lineNumber: string | null;
  item: string;
  batchNumber: string;
  expected: string | null;
  received: string;
  unit: string;
  detail: string;
  alertId: string;
  raisedAt: string;
  updatedAt: string;
}

export interface Discrepancy {
  asnKey: string;
  kind: DiscrepancyKind;
  lineNumber?: string;
  item: string;
  batchNumber: string;
  expected?: string;
  received: string;
  unit: string;
  detail: string;
  /** location key where it was found (the receipt's destination), for the alert */
  location?: string;
}

/** numeric(38, 6) read back as text ("500.000000") in the domain's canonical form ("500"). */
const canonical = (value: string): string => canonicalQuantity(value);

const ALERT_KIND: Record<DiscrepancyKind, string> = {
  over: 'ASN.OVER_RECEIPT',
  short: 'ASN.SHORT_RECEIPT',
  'wrong-lot': 'ASN.WRONG_LOT',
  'unexpected-lot': 'ASN.UNEXPECTED_LOT',
  'wrong-unit': 'ASN.WRONG_UNIT',
};

export async function insertNotice(tx: RawSql, documentId: bigint, notice: AdvanceShippingNotice, closeAfter: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO asn (id, document_id, asn_id, format, supplier, buyer, ship_to, issued, status, close_after, warnings)
     VALUES ($1, $1, $2, $3, $4, $5, $6, $7, 'open', $8::timestamptz, $9::text[])`,
    documentId, notice.asnId, notice.format, notice.supplier, notice.buyer ?? null, notice.shipTo ?? null, notice.issued ?? null, closeAfter.toISOString(), notice.warnings,
  );
  for (const line of notice.lines) {
    await tx.$executeRawUnsafe(
      `INSERT INTO asn_line (asn_key, line_number, item, gtin, supplier_part_number, batch_number, expiry_date, production_date, quantity, unit, sscc, purchase_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::numeric, $10, $11, $12)`,
      documentId, line.lineNumber, line.item, line.gtin ?? null, line.supplierPartNumber ?? null, line.batchNumber, line.expiryDate ?? null,
      line.productionDate ?? null, line.quantity, line.unit, line.sscc ?? null, line.purchaseOrder ?? null,
    );
  }
}

/**
 * Every receipt is matched under one lock: receipts and closings of notices are few (a dock, not a ledger), and
 * one at a time no two receipts can both take the last open quantity of a line.
 */
export async function lockMatching(tx: RawSql): Promise<void> {
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('asn-adapter|matching'))");
}

/** The open notices a receipt could belong to (by SSCC, ASN number, lot or supplier), oldest first, with their lines. */
export async function candidateNotices(tx: RawSql, receipt: ReceivedLot): Promise<OpenNotice[]> {
  const notices = await tx.$queryRawUnsafe<Array<{ id: bigint; asn_id: string; supplier: string }>>(
    `SELECT a.id, a.asn_id, a.supplier FROM asn a
      WHERE a.status = 'open'
        AND (a.asn_id = $1 OR a.supplier = $2
             OR EXISTS (SELECT 1 FROM asn_line l WHERE l.asn_key = a.id AND ((l.item = $3 AND l.batch_number = $4) OR l.sscc = $5)))
      ORDER BY a.id`,
    receipt.document, receipt.supplier ?? null, receipt.item, receipt.batchNumber, receipt.sscc ?? null,
  );
  if (notices.length === 0) return [];
  const lines = await tx.$queryRawUnsafe<Array<{ asn_key: bigint; line_number: string; item: string; batch_number: string; sscc: string | null; quantity: string; unit: string; received: string }>>(
    'SELECT asn_key, line_number, item, batch_number, sscc, quantity::text AS quantity, unit, received::text AS received FROM asn_line WHERE asn_key = ANY($1::bigint[]) ORDER BY asn_key, line_number',
    notices.map((notice) => notice.id),
  );
  return notices.map((notice) => ({
    key: notice.id.toString(),
    asnId: notice.asn_id,
    supplier: notice.supplier,
    lines: lines
      .filter((line) => line.asn_key === notice.id)
      .map((line): ExpectedLineState => ({
        lineNumber: line.line_number,
        item: line.item,
        batchNumber: line.batch_number,
        ...(line.sscc !== null && { sscc: line.sscc }),
        quantity: canonical(line.quantity),
        unit: line.unit,
        received: canonical(line.received),
      })),
  }));
}

/** Records a receipt against a notice; false when this movement was recorded before (nothing is counted twice). */
export async function recordReceipt(
  tx: RawSql,
  receipt: ReceivedLot & { movementId: string; occurredAt: string },
  asnKey: string,
  outcome: string,
  matchedBy: string,
  lineNumber: string | undefined,
): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO asn_receipt (movement_id, asn_key, line_number, item, batch_number, quantity, unit, sscc, outcome, matched_by, occurred_at)
     VALUES ($1, $2::bigint, $3, $4, $5, $6::numeric, $7, $8, $9, $10, $11::timestamptz) ON CONFLICT (movement_id) DO NOTHING`,
    receipt.movementId, asnKey, lineNumber ?? null, receipt.item, receipt.batchNumber, receipt.quantity, receipt.unit, receipt.sscc ?? null, outcome, matchedBy, receipt.occurredAt,
  );
  return inserted === 1;
}

export async function setReceived(tx: RawSql, asnKey: string, lineNumber: string, received: string): Promise<void> {
  await tx.$executeRawUnsafe('UPDATE asn_line SET received = $3::numeric WHERE asn_key = $1::bigint AND line_number = $2', asnKey, lineNumber, received);
}

/**
 * Reports a discrepancy: the first time (per notice, kind and lot) it is raised on alerts.v1 to the buyer; later
 * receipts of the same kind and lot only update its quantities.
 */
export async function reportDiscrepancy(tx: RawSql, discrepancy: Discrepancy): Promise<void> {
  const openKey = JSON.stringify([discrepancy.asnKey, discrepancy.kind, discrepancy.item, discrepancy.batchNumber, discrepancy.lineNumber ?? null]);
  const alertId = randomUUID();
  const [row] = await tx.$queryRawUnsafe<Array<{ alert_id: string; inserted: boolean; raised_at: Date }>>(
    `INSERT INTO asn_discrepancy (asn_key, kind, line_number, item, batch_number, expected, received, unit, detail, alert_id, open_key)
     VALUES ($1::bigint, $2, $3, $4, $5, $6::numeric, $7::numeric, $8, $9, $10, $11)
     ON CONFLICT (open_key) DO UPDATE SET received = EXCLUDED.received, detail = EXCLUDED.detail, updated_at = now()
     RETURNING alert_id, (xmax = 0) AS inserted, raised_at`,
    discrepancy.asnKey, discrepancy.kind, discrepancy.lineNumber ?? null, discrepancy.item, discrepancy.batchNumber, discrepancy.expected ?? null,
    discrepancy.received, discrepancy.unit, discrepancy.detail, alertId, openKey,
  );
  if (!row?.inserted) return;
  const alert: Alert = {
    alertId: row.alert_id,
    kind: ALERT_KIND[discrepancy.kind],
    state: 'RAISED',
    service: ASN_ADAPTER,
    item: discrepancy.item,
    batchNumber: discrepancy.batchNumber,
    location: discrepancy.location ?? null,
    detail: discrepancy.detail,
    at: row.raised_at.toISOString(),
  };
  await writeOutbox(tx, [outboxEntry(TOPICS.alerts, JSON.stringify([alert.kind, discrepancy.asnKey, discrepancy.item, discrepancy.batchNumber]), `${alert.alertId}|RAISED`, alert)]);
}

/** Marks an open notice closed; false when it was not open (closed before, or unknown). */
export async function markClosed(tx: RawSql, asnKey: string, by: 'buyer' | 'grace-period'): Promise<boolean> {
  const updated = await tx.$executeRawUnsafe("UPDATE asn SET status = 'closed', closed_at = now(), closed_by = $2 WHERE id = $1::bigint AND status = 'open'", asnKey, by);
  return updated === 1;
}

export async function overdueNotices(tx: RawSql): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<Array<{ id: bigint }>>("SELECT id FROM asn WHERE status = 'open' AND close_after <= now() ORDER BY id LIMIT 100");
  return rows.map((row) => row.id.toString());
}

export async function findNotice(tx: RawSql, asnKey: string): Promise<(NoticeRow & { lines: LineRow[] }) | undefined> {
  const [notice] = await tx.$queryRawUnsafe<Array<Record<string, unknown>>>(
    `SELECT id::text AS "asnKey", asn_id AS "asnId", format, supplier, buyer, ship_to AS "shipTo", issued, status, accepted_at AS "acceptedAt",
            close_after AS "closeAfter", closed_at AS "closedAt", closed_by AS "closedBy", warnings
       FROM asn WHERE id = $1::bigint`,
    asnKey,
  );
  if (!notice) return undefined;
  const lines = await tx.$queryRawUnsafe<Array<LineRow>>(
    `SELECT line_number AS "lineNumber", item, gtin, supplier_part_number AS "supplierPartNumber", batch_number AS "batchNumber", expiry_date AS "expiryDate",
            production_date AS "productionDate", quantity::text AS quantity, unit, sscc, purchase_order AS "purchaseOrder", received::text AS received
       FROM asn_line WHERE asn_key = $1::bigint ORDER BY line_number`,
    asnKey,
  );
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : (value as string | null));
  return {
    ...(notice as unknown as NoticeRow),
    acceptedAt: iso(notice['acceptedAt']) as string,
    closeAfter: iso(notice['closeAfter']) as string,
    closedAt: iso(notice['closedAt']),
    lines: lines.map((line) => ({ ...line, quantity: canonical(line.quantity), received: canonical(line.received) })),
  };
}

export async function listDiscrepancies(tx: RawSql, filter: { asnKey?: string; kind?: string; item?: string }): Promise<DiscrepancyRow[]> {
  const rows = await tx.$queryRawUnsafe<Array<DiscrepancyRow & { raisedAt: Date; updatedAt: Date; expected: string | null }>>(
    `SELECT d.id::text AS "discrepancyId", d.asn_key::text AS "asnKey", a.asn_id AS "asnId", a.supplier, d.kind, d.line_number AS "lineNumber", d.item,
            d.batch_number AS "batchNumber", d.expected::text AS expected, d.received::text AS received, d.unit, d.detail, d.alert_id AS "alertId",
            d.raised_at AS "raisedAt", d.updated_at AS "updatedAt"
       FROM asn_discrepancy d JOIN asn a ON a.id = d.asn_key
      WHERE ($1::bigint IS NULL OR d.asn_key = $1::bigint) AND ($2::text IS NULL OR d.kind = $2) AND ($3::text IS NULL OR d.item = $3)
      ORDER BY d.id`,
    filter.asnKey ?? null, filter.kind ?? null, filter.item ?? null,
  );
  return rows.map((row) => ({
    ...row,
    expected: row.expected === null ? null : canonical(row.expected),
    received: canonical(row.received),
    raisedAt: row.raisedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}
