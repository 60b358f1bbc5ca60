import { Injectable } from '@nestjs/common';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { ALERT_KINDS, countVarianceCondition } from '@lotbridge/inventory';
import { locationKey, plantOf } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { outboxEntry } from '@lotbridge/messaging';
import { writeOutbox } from '@lotbridge/persistence';
import {
  BookStock,
  CountDocument,
  CountDocumentError,
  countAdjustments,
  CountResultLine,
  countVariances,
  CountVarianceOptions,
  ErpSnapshotError,
  ErpStockRow,
  reconcile,
  Reconciliation,
  ReconciliationOptions,
} from '@lotbridge/stock-count';
import { httpError } from '../http/http-error';
import { InventoryOutbox } from '../persistence/inventory-outbox.service';
import { StockRepository } from '../persistence/stock.repository';

export interface CountAnswer {
  status: 'accepted' | 'duplicate';
  countId: string;
  location: string;
  countedAt: string;
  /** every counted lot with book, counted, variance; an adjustment movement (and its reason) where they differ */
  lines: CountResultLine[];
  adjustments: number;
}

/**
 * Counts and reconciliation (libs/stock-count decides, this wires it):
 * - a count document is compared with the book as of the instant it was counted (the ledger replayed up to then,
 *   so movements posted meanwhile do not count as variances); each variance becomes a count-adjustment movement
 *   published through the outbox on lot.movements.v1 and applied like any other; a variance above the threshold
 *   raises INVENTORY.COUNT_VARIANCE, which the next count of that lot within the threshold clears;
 * - an ERP snapshot is compared with the book of the plants it names, every difference reported.
 */
@Injectable()
export class StockCountService {
  constructor(
    private readonly stock: StockRepository,
    private readonly outbox: InventoryOutbox,
  ) {}

  async count(document: CountDocument, options: CountVarianceOptions): Promise<CountAnswer> {
    const answer = await this.stock.transaction(async (tx) => {
      await tx.$execute('SELECT pg_advisory_xact_lock(hashtext($1))', `count|${document.countId}`);
      const [earlier] = await tx.$query<{ result: CountAnswer }>('SELECT result FROM stock_count WHERE count_id = $1', document.countId);
      if (earlier) return { ...earlier.result, status: 'duplicate' as const };
      const book = await this.bookAt(document);
      const lines = this.variances(document, book, options);
      const adjustments = countAdjustments(lines);
      await writeOutbox(tx.raw, adjustments.map((m) => outboxEntry(TOPICS.lotMovements, lotKey(m.item, m.batchNumber), m.movementId, toMovementContract(m))));
      const where = locationKey(document.location);
      for (const line of lines) {
        if (line.status !== 'variance') continue;
        const subject = { item: line.item, batchNumber: line.batchNumber, location: where };
        const detail = line.reason ?? `count ${document.countId}: counted ${line.counted} ${line.unit}, book ${line.book} ${line.unit}`;
        const condition = countVarianceCondition({ ...subject, aboveThreshold: line.aboveThreshold, detail: `${detail} (variance ${line.variancePercent ?? 'n/a'} %)` });
        if (condition) await tx.raiseAlert(ALERT_KINDS.countVariance, subject, condition.detail);
        else await tx.clearAlert(ALERT_KINDS.countVariance, subject, `count ${document.countId} is within the threshold: ${detail}`);
      }
      const result: CountAnswer = { status: 'accepted', countId: document.countId, location: where, countedAt: document.countedAt, lines, adjustments: adjustments.length };
      await tx.$execute(
        `INSERT INTO stock_count (count_id, location_key, counted_at, counted_by, document, result) VALUES ($1, $2, $3::timestamptz, $4, $5::jsonb, $6::jsonb)`,
        document.countId, where, document.countedAt, document.countedBy, JSON.stringify(document), JSON.stringify(result),
      );
      return result;
    });
    if (answer.status === 'accepted') this.outbox.wake();
    return answer;
  }

  async findCount(countId: string): Promise<CountAnswer | undefined> {
    const rows = await this.stock.transaction((tx) => tx.$query<{ result: CountAnswer }>('SELECT result FROM stock_count WHERE count_id = $1', countId));
    return rows[0]?.result;
  }

  /** Compares an ERP snapshot with the book of the plants the snapshot names (now, or as of an instant). */
  async reconcile(snapshot: ErpStockRow[], options: ReconciliationOptions, asOf?: string): Promise<Reconciliation> {
    const plants = [...new Set(snapshot.map((row) => row.warehouse.split('/')[0] ?? row.warehouse))];
    const book: BookStock[] = [];
    for (const plant of plants) {
      const rows = asOf === undefined ? await this.stock.findStock({ plant }) : await this.stock.findStockAsOf({ plant }, asOf);
      book.push(...rows.filter((row) => plantOf(row.location) === plant));
    }
    try {
      return reconcile(snapshot, book, options);
    } catch (error) {
      if (error instanceof ErpSnapshotError) throw httpError(422, 'INVENTORY.INVALID_SNAPSHOT', error.message, { problems: error.problems });
      throw error;
    }
  }

  private async bookAt(document: CountDocument): Promise<BookStock[]> {
    return this.stock.findStockAsOf({ locationKey: locationKey(document.location) }, document.countedAt);
  }

  private variances(document: CountDocument, book: BookStock[], options: CountVarianceOptions): CountResultLine[] {
    try {
      return countVariances(document, book, options);
    } catch (error) {
      if (error instanceof CountDocumentError) throw httpError(400, 'INVENTORY.INVALID_COUNT', error.message, { problems: error.problems });
      if (error instanceof RangeError) throw httpError(400, 'INVENTORY.INVALID_COUNT', error.message);
      throw error;
    }
  }
}
