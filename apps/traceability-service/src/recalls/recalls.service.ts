import { HttpStatus, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { RecallCase as RecallCaseMessage, TOPICS } from '@lotbridge/contracts';
import { LotRef, RecallImpact, lotKey } from '@lotbridge/genealogy';
import { outboxEntry } from '@lotbridge/messaging';
import { writeOutbox } from '@lotbridge/persistence';
import {
  MockRecallReport,
  NotificationList,
  RecallEvent,
  RecallState,
  RecoveredTotal,
  Recovery,
  mockRecallReportOf,
  nextRecallState,
  notificationListOf,
  recoveredTotals,
} from '@lotbridge/recall';
import { Prisma } from '../__generated__/prisma/client';
import { GenealogyStore } from '../genealogy/genealogy.store';
import { refusal } from '../http-errors';
import { PrismaService } from '../persistence/prisma.service';
import { TraceabilityOutbox } from '../persistence/traceability-outbox.service';
import { OpenAllocations, PartnerClients } from './partner.clients';

type Tx = Prisma.TransactionClient;
type RecallRow = NonNullable<Awaited<ReturnType<PrismaService['recallCase']['findUnique']>>>;

export interface RecallCaseView {
  recallId: string;
  version: number;
  state: RecallState;
  reason: string;
  requestedLots: { item: string; batchNumber: string }[];
  openedBy: string;
  openedAt: string;
  /** the impact computed when the case was opened, and how long that took */
  impact: RecallImpact;
  impactMs: number;
  openAllocations: OpenAllocations;
  lock: { lockedBy: string; lockedAt: string; result: unknown } | null;
  recoveries: (Recovery & { recordedBy: string; recordedAt: string })[];
  recovered: RecoveredTotal[];
  closed: { closedBy: string; closedAt: string; reason: string } | null;
}

export interface MockRecallView extends MockRecallReport {
  recallId: string;
  requestedLots: { item: string; batchNumber: string }[];
  generatedAt: string;
  timeTaken: { impactMs: number; reportMs: number; openedAt: string; lockedAt: string | null; openToLockMs: number | null };
  recovered: RecoveredTotal[];
}

/**
 * Recall cases: opened from lots (impact from the genealogy in memory, open allocations asked of allocation-service),
 * locked through quality-service in one call, recoveries tracked, closed. Each change writes the case and its
 * RecallCase message (trace.recalls.v1) in one transaction.
 */
@Injectable()
export class RecallsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly store: GenealogyStore,
    private readonly partners: PartnerClients,
    private readonly outbox: TraceabilityOutbox,
  ) {}

  async open(lots: { item: string; batchNumber: string }[], reason: string, by: string): Promise<RecallCaseView> {
    const genealogy = await this.store.ready();
    const started = performance.now();
    const impact = genealogy.recallImpact(lots.map((lot) => lotKey(lot.item, lot.batchNumber)));
    const impactMs = performance.now() - started;
    if (impact.lots.length === 0) throw refusal(HttpStatus.UNPROCESSABLE_ENTITY, 'RECALL.UNKNOWN_LOTS', `no movement of any of the lots is known: ${impact.unknownLots.join(', ')}`);
    const openAllocations = await this.partners.openAllocations(impact.lots.map((traced) => traced.lot));
    const recallId = randomUUID();
    const openedAt = new Date();
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.recallCase.create({
        data: { recallId, version: 1n, state: 'open', reason, lots: lots.map((lot) => ({ ...lot })), impact: json(impact), impactMs, openAllocations: json(openAllocations), openedBy: by, openedAt },
      });
      await publish(tx, created, 'opened', by, openedAt, []);
      return created;
    });
    this.outbox.wake();
    return this.view(row);
  }

  async get(recallId: string): Promise<RecallCaseView> {
    return this.view(await this.find(recallId));
  }

  /**
   * Locks every lot the recall reaches now (the genealogy may have grown since the case was opened) through quality's
   * POST /holds in one call: one transaction there, status recalled on lot.status.v1 for each lot.
   */
  async lock(recallId: string, by: string): Promise<RecallCaseView> {
    const current = await this.find(recallId);
    nextRecallState(current.state as RecallState, 'locked');
    const genealogy = await this.store.ready();
    const affected = genealogy.recallImpact((current.lots as { item: string; batchNumber: string }[]).map((lot) => lotKey(lot.item, lot.batchNumber))).lots.map((traced) => ({ item: traced.lot.item, batchNumber: traced.lot.batchNumber }));
    const placed = await this.partners.lock(affected, `recall ${recallId}: ${current.reason}`, by, recallId).catch((error: unknown) => {
      throw refusal(HttpStatus.SERVICE_UNAVAILABLE, 'RECALL.QUALITY_UNAVAILABLE', `nothing was locked: ${String(error)}`);
    });
    const lockedAt = new Date();
    const row = await this.change(recallId, 'locked', by, lockedAt, (tx) =>
      tx.recallCase.update({ where: { recallId }, data: { state: 'locked', lockedBy: by, lockedAt, lockResult: json({ holdGroupId: placed.groupId, lots: placed.holds.map((hold) => ({ item: hold.item, batchNumber: hold.batchNumber, holdId: hold.holdId, status: hold.status })) }), version: { increment: 1 } } }),
    );
    return this.view(row);
  }

  async recordRecoveries(recallId: string, recoveries: Recovery[], by: string): Promise<RecallCaseView> {
    const at = new Date();
    const row = await this.change(recallId, 'recovery-recorded', by, at, async (tx) => {
      for (const recovery of recoveries) {
        await tx.recallRecovery.create({ data: { recallId, item: recovery.item, batchNumber: recovery.batchNumber, quantity: recovery.quantity, unit: recovery.unit, recoveredFrom: recovery.recoveredFrom, note: recovery.note ?? null, recordedBy: by, recordedAt: at } });
      }
      return tx.recallCase.update({ where: { recallId }, data: { version: { increment: 1 } } });
    });
    return this.view(row);
  }

  async close(recallId: string, by: string, reason: string): Promise<RecallCaseView> {
    const closedAt = new Date();
    const row = await this.change(recallId, 'closed', by, closedAt, (tx) =>
      tx.recallCase.update({ where: { recallId }, data: { state: 'closed', closedBy: by, closedAt, closeReason: reason, version: { increment: 1 } } }),
    );
    return this.view(row);
  }

  /** Who to notify, from the genealogy as it is now. */
  async notifications(recallId: string): Promise<NotificationList & { recallId: string }> {
    const row = await this.find(recallId);
    const genealogy = await this.store.ready();
    return { recallId, ...notificationListOf(genealogy.recallImpact(lotKeysOf(row), { withDeliveries: true })) };
  }

  /** The mock-recall drill report (BRCGS/IFS): time taken, where every affected lot's quantity is, mass balance per cent, gaps. */
  async mockRecall(recallId: string): Promise<MockRecallView> {
    const row = await this.find(recallId);
    const genealogy = await this.store.ready();
    const started = performance.now();
    const report = mockRecallReportOf(genealogy.mockRecallDrill(lotKeysOf(row)));
    const reportMs = performance.now() - started;
    return {
      recallId,
      requestedLots: row.lots as { item: string; batchNumber: string }[],
      generatedAt: new Date().toISOString(),
      timeTaken: {
        impactMs: row.impactMs,
        reportMs,
        openedAt: row.openedAt.toISOString(),
        lockedAt: row.lockedAt?.toISOString() ?? null,
        openToLockMs: row.lockedAt ? row.lockedAt.getTime() - row.openedAt.getTime() : null,
      },
      ...report,
      recovered: recoveredTotals(await this.recoveries(recallId)),
    };
  }

  private async change(recallId: string, event: Exclude<RecallEvent, 'opened'>, by: string, at: Date, apply: (tx: Tx) => Promise<RecallRow>): Promise<RecallRow> {
    const row = await this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRawUnsafe<{ state: RecallState }[]>('SELECT state FROM recall_case WHERE recall_id = $1 FOR UPDATE', recallId);
      const state = locked[0]?.state;
      if (state === undefined) throw notFound(recallId);
      nextRecallState(state, event);
      const changed = await apply(tx);
      const recoveries = await tx.recallRecovery.findMany({ where: { recallId }, orderBy: { id: 'asc' } });
      await publish(tx, changed, event, by, at, recoveredTotals(recoveries.map((entry) => ({ ...entry, quantity: entry.quantity.toFixed() }))));
      return changed;
    });
    this.outbox.wake();
    return row;
  }

  private async find(recallId: string): Promise<RecallRow> {
    const row = await this.prisma.recallCase.findUnique({ where: { recallId } });
    if (!row) throw notFound(recallId);
    return row;
  }

  private async recoveries(recallId: string): Promise<RecallCaseView['recoveries']> {
    const rows = await this.prisma.recallRecovery.findMany({ where: { recallId }, orderBy: { id: 'asc' } });
    return rows.map((row) => ({
      item: row.item, batchNumber: row.batchNumber, quantity: row.quantity.toFixed(), unit: row.unit, recoveredFrom: row.recoveredFrom,
      ...(row.note !== null ? { note: row.note } : {}), recordedBy: row.recordedBy, recordedAt: row.recordedAt.toISOString(),
    }));
  }

  private async view(row: RecallRow): Promise<RecallCaseView> {
    const recoveries = await this.recoveries(row.recallId);
    return {
      recallId: row.recallId,
      version: Number(row.version),
      state: row.state as RecallState,
      reason: row.reason,
      requestedLots: row.lots as { item: string; batchNumber: string }[],
      openedBy: row.openedBy,
      openedAt: row.openedAt.toISOString(),
      impact: row.impact as unknown as RecallImpact,
      impactMs: row.impactMs,
      openAllocations: row.openAllocations as unknown as OpenAllocations,
      lock: row.lockedAt && row.lockedBy ? { lockedBy: row.lockedBy, lockedAt: row.lockedAt.toISOString(), result: row.lockResult } : null,
      recoveries,
      recovered: recoveredTotals(recoveries),
      closed: row.closedAt && row.closedBy ? { closedBy: row.closedBy, closedAt: row.closedAt.toISOString(), reason: row.closeReason ?? '' } : null,
    };
  }
}

function lotKeysOf(row: RecallRow): string[] {
  return (row.lots as { item: string; batchNumber: string }[]).map((lot) => lotKey(lot.item, lot.batchNumber));
}

function notFound(recallId: string) {
  return refusal(HttpStatus.NOT_FOUND, 'RECALL.NOT_FOUND', `no recall case ${recallId}`);
}

function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

const upper = <T extends string>(text: string) => text.toUpperCase().replace(/-/g, '_') as T;

/** The RecallCase record of the case after a change, into the outbox of the same transaction. */
async function publish(tx: Tx, row: RecallRow, event: RecallEvent, by: string, at: Date, recovered: RecoveredTotal[]): Promise<void> {
  const impact = row.impact as unknown as RecallImpact;
  const ref = (lot: LotRef | { item: string; batchNumber: string }) => ({ item: lot.item, batchNumber: lot.batchNumber });
  const message: RecallCaseMessage = {
    recallId: row.recallId,
    version: Number(row.version),
    state: upper<RecallCaseMessage['state']>(row.state),
    event: upper<RecallCaseMessage['event']>(event),
    reason: row.reason,
    requestedLots: (row.lots as { item: string; batchNumber: string }[]).map(ref),
    affectedLots: impact.lots.map((traced) => ref(traced.lot)),
    shipped: impact.shipped.flatMap((shipment) => shipment.shipped.map(({ quantity, unit, documents }) => ({ customer: shipment.customer, quantity, unit, documents }))),
    recovered,
    changedBy: by,
    changedAt: at.toISOString(),
  };
  await writeOutbox(tx, [outboxEntry(TOPICS.traceRecalls, row.recallId, `${row.recallId}|${String(row.version)}`, message)]);
}
