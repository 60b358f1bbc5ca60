import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LotStatusChanged, TOPICS, lotKey } from '@lotbridge/contracts';
import { outboxEntry } from '@lotbridge/messaging';
import { recordAppliedMessage, writeOutbox } from '@lotbridge/persistence';
import { Disposition, LotQualityState, LotRef, LotStatus, StatusAction, decideTransition } from '@lotbridge/quality';
import { Prisma } from '../__generated__/prisma/client';
import { PrismaService } from './prisma.service';

export type Tx = Prisma.TransactionClient;

export interface ChangeMeta {
  reason: string;
  by: string;
  at: string;
  holdId?: string;
  inspectionId?: string;
}

export interface StatusChangeView {
  changeId: string;
  action: StatusAction;
  status: LotStatus;
  previousStatus: LotStatus | null;
  disposition: Disposition;
  reason: string;
  changedBy: string;
  changedAt: string;
  holdId: string | null;
  inspectionId: string | null;
}

export interface LotStatusView extends LotRef {
  status: LotStatus | null;
  onHold: boolean;
}

const toSymbol = (status: LotStatus) => status.toUpperCase().replace(/-/g, '_') as LotStatusChanged['status'];

/**
 * The lot status book of quality_service. Every change runs inside one transaction that locks the lot's row, decides
 * the transition (libs/quality status-transitions.ts), writes the lot, the audit row and the LotStatusChanged outbox
 * entry together: what is committed is what is published, and a status read after the commit sees it.
 */
@Injectable()
export class LotStatusRepository {
  constructor(private readonly prisma: PrismaService) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work, { maxWait: 10_000, timeout: 30_000 });
  }

  /** Statuses of many lots in one read; a lot quality never saw has status null (not allocatable). */
  async statuses(lots: readonly LotRef[]): Promise<LotStatusView[]> {
    if (lots.length === 0) return [];
    const rows = await this.prisma.$queryRawUnsafe<Array<{ item: string; batch_number: string; status: LotStatus | null; on_hold: boolean }>>(
      `SELECT l.item, l.batch_number, l.status, (l.holds + l.recalls) > 0 AS on_hold
       FROM quality_lot l JOIN unnest($1::text[], $2::text[]) AS asked(item, batch_number) USING (item, batch_number)`,
      lots.map((lot) => lot.item),
      lots.map((lot) => lot.batchNumber),
    );
    const found = new Map(rows.map((row) => [lotKey(row.item, row.batch_number), row]));
    return lots.map((lot) => {
      const row = found.get(lotKey(lot.item, lot.batchNumber));
      return { item: lot.item, batchNumber: lot.batchNumber, status: row?.status ?? null, onHold: row?.on_hold ?? false };
    });
  }

  async history(lot: LotRef): Promise<StatusChangeView[]> {
    const rows = await this.prisma.statusChange.findMany({ where: { item: lot.item, batchNumber: lot.batchNumber }, orderBy: { seq: 'asc' } });
    return rows.map((row) => ({
      changeId: row.changeId,
      action: row.action as StatusAction,
      status: row.status as LotStatus,
      previousStatus: row.previousStatus as LotStatus | null,
      disposition: row.disposition as Disposition,
      reason: row.reason,
      changedBy: row.changedBy,
      changedAt: row.changedAt.toISOString(),
      holdId: row.holdId,
      inspectionId: row.inspectionId,
    }));
  }

  async lot(lot: LotRef): Promise<(LotQualityState & { status: LotStatus | null; expiryDate: string | null }) | undefined> {
    const row = await this.prisma.qualityLot.findUnique({ where: { item_batchNumber: { item: lot.item, batchNumber: lot.batchNumber } } });
    if (!row) return undefined;
    return {
      disposition: row.disposition as Disposition | null,
      holds: row.holds,
      recalls: row.recalls,
      status: row.status as LotStatus | null,
      expiryDate: row.expiryDate?.toISOString().slice(0, 10) ?? null,
    };
  }

  /** Lots whose expiry date is before the day and whose disposition can still expire. */
  async expiringBefore(date: string): Promise<LotRef[]> {
    const rows = await this.prisma.qualityLot.findMany({
      where: { expiryDate: { lt: new Date(`${date}T00:00:00Z`) }, disposition: { in: ['quarantine', 'released'] } },
      orderBy: [{ item: 'asc' }, { batchNumber: 'asc' }],
    });
    return rows.map((row) => ({ item: row.item, batchNumber: row.batchNumber }));
  }
}

/** The state of one lot, locked until the transaction ends (created empty when quality never saw it). */
export async function lockLot(tx: Tx, lot: LotRef): Promise<LotQualityState> {
  await tx.$executeRawUnsafe('INSERT INTO quality_lot (item, batch_number) VALUES ($1, $2) ON CONFLICT DO NOTHING', lot.item, lot.batchNumber);
  const rows = await tx.$queryRawUnsafe<Array<{ disposition: Disposition | null; holds: number; recalls: number }>>(
    'SELECT disposition, holds, recalls FROM quality_lot WHERE item = $1 AND batch_number = $2 FOR UPDATE',
    lot.item,
    lot.batchNumber,
  );
  const row = rows[0];
  if (!row) throw new Error(`quality_lot row of ${lotKey(lot.item, lot.batchNumber)} vanished inside its transaction`);
  return row;
}

/**
 * Locks several lots in one fixed order (item, then batch number), so two multi-lot changes never deadlock; their
 * states in the order asked.
 */
export async function lockLots(tx: Tx, lots: readonly LotRef[]): Promise<LotQualityState[]> {
  const order = Array.from(lots.keys()).sort((i, j) => {
    const a = lots[i] as LotRef;
    const b = lots[j] as LotRef;
    return a.item < b.item ? -1 : a.item > b.item ? 1 : a.batchNumber < b.batchNumber ? -1 : a.batchNumber > b.batchNumber ? 1 : 0;
  });
  const states = new Array<LotQualityState>(lots.length);
  for (const i of order) states[i] = await lockLot(tx, lots[i] as LotRef);
  return states;
}

/** Applies one transition of the state machine: lot row, audit row and LotStatusChanged in the same transaction. */
export async function changeStatus(tx: Tx, lot: LotRef, action: StatusAction, meta: ChangeMeta): Promise<StatusChangeView> {
  const transition = decideTransition(await lockLot(tx, lot), action);
  const { after } = transition;
  await tx.$executeRawUnsafe(
    'UPDATE quality_lot SET disposition = $3, holds = $4, recalls = $5, status = $6, updated_at = now() WHERE item = $1 AND batch_number = $2',
    lot.item, lot.batchNumber, after.disposition, after.holds, after.recalls, transition.status,
  );
  const view: StatusChangeView = {
    changeId: randomUUID(),
    action,
    status: transition.status,
    previousStatus: transition.previousStatus,
    disposition: after.disposition as Disposition,
    reason: meta.reason,
    changedBy: meta.by,
    changedAt: meta.at,
    holdId: meta.holdId ?? null,
    inspectionId: meta.inspectionId ?? null,
  };
  await tx.statusChange.create({
    data: {
      changeId: view.changeId, item: lot.item, batchNumber: lot.batchNumber, action, status: view.status, previousStatus: view.previousStatus,
      disposition: view.disposition, reason: view.reason, changedBy: view.changedBy, changedAt: new Date(view.changedAt), holdId: view.holdId, inspectionId: view.inspectionId,
    },
  });
  const message: LotStatusChanged = {
    changeId: view.changeId,
    item: lot.item,
    batchNumber: lot.batchNumber,
    status: toSymbol(view.status),
    previousStatus: view.previousStatus === null ? null : toSymbol(view.previousStatus),
    reason: view.reason,
    changedBy: view.changedBy,
    changedAt: view.changedAt,
    holdId: view.holdId,
  };
  await writeOutbox(tx, [outboxEntry(TOPICS.lotStatus, lotKey(lot.item, lot.batchNumber), view.changeId, message)]);
  return view;
}

export function recordMessage(tx: Tx, messageId: string): Promise<boolean> {
  return recordAppliedMessage(tx, messageId);
}
