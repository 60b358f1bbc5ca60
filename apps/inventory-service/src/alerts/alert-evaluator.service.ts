import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  ALERT_KINDS,
  AlertCondition,
  alertChanges,
  AlertSubject,
  DEFAULT_ALERT_SETTINGS,
  expiryCondition,
  ItemAlertSettings,
  safetyStockCondition,
  slowMovingCondition,
} from '@lotbridge/inventory';
import { INVENTORY_CONFIG, InventoryConfig } from '../inventory.config';
import { InventoryOutbox } from '../persistence/inventory-outbox.service';
import { StockRepository, StockTransaction } from '../persistence/stock.repository';

/** Alerts this evaluator owns; negative stock, parked issues and count variances are raised where they happen. */
const EVALUATED_KINDS = [ALERT_KINDS.nearExpiry, ALERT_KINDS.expired, ALERT_KINDS.slowMoving, ALERT_KINDS.belowSafetyStock];
/** the default rule's item key in item_alert_setting */
const EVERY_ITEM = '*';

export interface EvaluationResult {
  at: string;
  raised: number;
  cleared: number;
}

/**
 * Evaluates the time- and stock-driven alert rules (libs/inventory alert-rules.ts) and keeps stock_alert in step:
 * each condition raised once when it starts, cleared once when it ends. Runs for the items a batch of movements
 * touched (right after it committed, coalesced, off the consumer's path) and for everything on a schedule, at the
 * time of the injected clock.
 */
@Injectable()
export class AlertEvaluator implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(AlertEvaluator.name);
  private readonly clock: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private pending = new Set<string>();
  private running: Promise<unknown> = Promise.resolve();
  private scheduled = false;
  private closing = false;

  constructor(
    private readonly stock: StockRepository,
    private readonly outbox: InventoryOutbox,
    @Inject(INVENTORY_CONFIG) private readonly config: InventoryConfig,
  ) {
    this.clock = config.clock ?? (() => new Date());
  }

  onModuleInit(): void {
    const interval = this.config.alertEvaluationIntervalMs ?? 60_000;
    if (interval > 0) {
      this.timer = setInterval(() => {
        this.running = this.running.then(() => this.evaluate()).catch((error: unknown) => this.logger.error(`alert evaluation failed: ${String(error)}`));
      }, interval);
      this.timer.unref();
    }
  }

  /** Before the database is disconnected (PrismaService, on application shutdown); later touches are left to the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    await this.running.catch(() => undefined);
  }

  /** Movements of these items were applied: evaluate them soon, without holding up the consumer. */
  touch(items: Iterable<string>): void {
    if (this.closing) return;
    for (const item of items) this.pending.add(item);
    if (this.scheduled) return;
    this.scheduled = true;
    this.running = this.running
      .then(() => {
        this.scheduled = false;
        const items = [...this.pending];
        this.pending = new Set();
        return items.length > 0 ? this.evaluate(items) : undefined;
      })
      .catch((error: unknown) => this.logger.error(`alert evaluation failed: ${String(error)}`));
  }

  /** Waits for the evaluations already asked for (tests, shutdown). */
  async settled(): Promise<void> {
    await this.running.catch(() => undefined);
  }

  /** Evaluates every item, or only `items`, at the clock's time. */
  async evaluate(items?: string[]): Promise<EvaluationResult> {
    const now = this.clock();
    const at = now.toISOString();
    const result = await this.stock.transaction(async (tx) => {
      const settings = await this.settings(tx);
      const scope = items ?? null;
      const holding: AlertCondition[] = [];
      for (const lot of await tx.$query<{ item: string; batch_number: string; expiry_date: string; on_hand: string; unit: string }>(
        `SELECT b.item, b.batch_number, l.expiry_date::text AS expiry_date, SUM(b.on_hand)::text AS on_hand, MAX(b.unit) AS unit
         FROM stock_balance b JOIN lot l ON l.item = b.item AND l.batch_number = b.batch_number
         WHERE b.location_kind = 'warehouse' AND l.expiry_date IS NOT NULL AND ($1::text[] IS NULL OR b.item = ANY($1))
         GROUP BY b.item, b.batch_number, l.expiry_date`,
        scope,
      )) {
        const condition = expiryCondition({ item: lot.item, batchNumber: lot.batch_number, expiryDate: lot.expiry_date, onHand: lot.on_hand, unit: lot.unit }, settings(lot.item), now);
        if (condition) holding.push(condition);
      }
      const watched = await this.slowMovingItems(tx, scope);
      if (watched.length > 0) {
        for (const lot of await tx.$query<{ item: string; batch_number: string; location_key: string; on_hand: string; unit: string; last_issue: string | null; first_receipt: string }>(
          `SELECT b.item, b.batch_number, b.location_key, b.on_hand::text AS on_hand, b.unit,
                  (SELECT to_char(MAX(p.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM ledger_posting p
                   WHERE p.item = b.item AND p.batch_number = b.batch_number AND p.location_key = b.location_key AND p.delta < 0) AS last_issue,
                  (SELECT to_char(MIN(p.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM ledger_posting p
                   WHERE p.item = b.item AND p.batch_number = b.batch_number AND p.location_key = b.location_key AND p.delta > 0) AS first_receipt
           FROM stock_balance b WHERE b.location_kind = 'warehouse' AND b.on_hand > 0 AND ($1::text[] IS NULL OR b.item = ANY($1))`,
          watched.includes(EVERY_ITEM) ? scope : watched,
        )) {
          const condition = slowMovingCondition(
            { item: lot.item, batchNumber: lot.batch_number, location: lot.location_key, onHand: lot.on_hand, unit: lot.unit, lastIssueAt: lot.last_issue, firstReceiptAt: lot.first_receipt },
            settings(lot.item),
            now,
          );
          if (condition) holding.push(condition);
        }
      }
      for (const level of await tx.$query<{ item: string; plant: string; safety: string; unit: string; on_hand: string }>(
        `SELECT s.item, s.plant, s.quantity::text AS safety, s.unit,
                COALESCE(SUM(b.on_hand) FILTER (WHERE b.unit = s.unit), 0)::text AS on_hand
         FROM safety_stock s LEFT JOIN stock_balance b
           ON b.item = s.item AND b.location_kind = 'warehouse' AND split_part(b.location_code, '/', 1) = s.plant
         WHERE ($1::text[] IS NULL OR s.item = ANY($1))
         GROUP BY s.item, s.plant, s.quantity, s.unit`,
        scope,
      )) {
        const condition = safetyStockCondition({ item: level.item, plant: level.plant, onHand: level.on_hand, safetyStock: level.safety, unit: level.unit });
        if (condition) holding.push(condition);
      }
      const open = (
        await tx.$query<{ kind: string; item: string; batch_number: string | null; location_key: string | null }>(
          `SELECT kind, item, batch_number, location_key FROM stock_alert
           WHERE open_key IS NOT NULL AND kind = ANY($1::text[]) AND ($2::text[] IS NULL OR item = ANY($2))`,
          EVALUATED_KINDS,
          scope,
        )
      ).map((row) => ({ kind: row.kind, subject: { item: row.item, batchNumber: row.batch_number, location: row.location_key } satisfies AlertSubject }));
      const changes = alertChanges(open, holding);
      let raised = 0;
      let cleared = 0;
      for (const condition of changes.raise) if (await tx.raiseAlert(condition.kind, condition.subject, condition.detail, at)) raised++;
      for (const alert of changes.clear) if (await tx.clearAlert(alert.kind, alert.subject, `${alert.kind} no longer holds at ${at}`, at)) cleared++;
      return { at, raised, cleared };
    });
    if (result.raised + result.cleared > 0) this.outbox.wake();
    return result;
  }

  /** Items whose slow-moving limit is set ("*" when the default rule sets one for all). */
  private async slowMovingItems(tx: StockTransaction, scope: string[] | null): Promise<string[]> {
    const rows = await tx.$query<{ item: string }>(
      `SELECT item FROM item_alert_setting WHERE slow_moving_days IS NOT NULL AND (item = $1 OR $2::text[] IS NULL OR item = ANY($2))`,
      EVERY_ITEM,
      scope,
    );
    return rows.map((row) => row.item);
  }

  private async settings(tx: StockTransaction): Promise<(item: string) => ItemAlertSettings> {
    const rows = await tx.$query<{ item: string; near_expiry_days: number; slow_moving_days: number | null }>('SELECT item, near_expiry_days, slow_moving_days FROM item_alert_setting');
    const byItem = new Map(rows.map((row) => [row.item, { nearExpiryDays: row.near_expiry_days, slowMovingDays: row.slow_moving_days }]));
    const fallback = byItem.get(EVERY_ITEM) ?? DEFAULT_ALERT_SETTINGS;
    return (item) => byItem.get(item) ?? fallback;
  }
}
