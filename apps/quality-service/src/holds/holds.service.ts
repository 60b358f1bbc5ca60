import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { lotKey } from '@lotbridge/contracts';
import { HoldKind, HoldRequest, LotRef, LotStatus, QualityError, holdKindOf } from '@lotbridge/quality';
import { notFound } from '../not-found';
import { LotStatusRepository, Tx, changeStatus, lockLots } from '../persistence/lot-status.repository';
import { QualityOutbox } from '../persistence/quality-outbox.service';
import { TraceabilityClient } from './traceability.client';

export interface HoldView extends LotRef {
  holdId: string;
  groupId: string;
  kind: HoldKind;
  reason: string;
  placedBy: string;
  placedAt: string;
  recallCaseId: string | null;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

export interface CascadeOutcome {
  requested: boolean;
  /** false: traceability could not answer; the requested lots are held, their descendants are not (yet) */
  complete: boolean;
  descendants: number;
  error?: { code: 'QUALITY.TRACE_UNAVAILABLE'; message: string };
}

export interface PlacedHolds {
  groupId: string;
  holds: (HoldView & { status: LotStatus; previousStatus: LotStatus | null })[];
  cascade: CascadeOutcome;
}

/**
 * A split or merge output is the same material as its inputs: every active hold and recall of an input passes to it
 * as a hold of its own, in the input hold's group (releasing the group as placed releases the output too), with a
 * reason naming the input. Part of the transaction that gives the output its first status; the lots are locked.
 */
export async function inheritHolds(tx: Tx, output: LotRef, inputs: readonly LotRef[], meta: { by: string; at: string; via: string }): Promise<number> {
  const active = await tx.hold.findMany({
    where: { releasedAt: null, OR: inputs.map((input) => ({ item: input.item, batchNumber: input.batchNumber })) },
    orderBy: [{ placedAt: 'asc' }, { holdId: 'asc' }],
  });
  for (const hold of active) {
    const holdId = randomUUID();
    const reason = `${hold.reason} (inherited from ${describe(hold)} by ${meta.via})`;
    await tx.hold.create({
      data: { holdId, groupId: hold.groupId, item: output.item, batchNumber: output.batchNumber, kind: hold.kind, reason, placedBy: meta.by, placedAt: new Date(meta.at), recallCaseId: hold.recallCaseId },
    });
    await changeStatus(tx, output, hold.kind === 'recall' ? 'recall' : 'hold', { reason, by: meta.by, at: meta.at, holdId });
  }
  return active.length;
}

/**
 * One-click lock. All lots of a request (the cascade's descendants included) are held in ONE transaction: either
 * every lot is held or none, and a status read after the commit sees every hold.
 */
@Injectable()
export class HoldsService {
  constructor(
    private readonly repository: LotStatusRepository,
    private readonly outbox: QualityOutbox,
    private readonly traceability: TraceabilityClient,
  ) {}

  async place(request: HoldRequest): Promise<PlacedHolds> {
    const { lots, cascade } = await this.withDescendants(request);
    const kind = holdKindOf(request);
    const at = new Date().toISOString();
    const groupId = randomUUID();
    const holds = await this.repository.transaction(async (tx) => {
      await lockLots(tx, lots);
      const placed: PlacedHolds['holds'] = [];
      for (const [index, lot] of lots.entries()) {
        const holdId = index === 0 ? groupId : randomUUID();
        const hold: HoldView = {
          holdId, groupId, item: lot.item, batchNumber: lot.batchNumber, kind, reason: request.reason, placedBy: request.by, placedAt: at,
          recallCaseId: request.recallCaseId, releasedAt: null, releasedBy: null, releaseReason: null,
        };
        await tx.hold.create({ data: { holdId, groupId, item: lot.item, batchNumber: lot.batchNumber, kind, reason: request.reason, placedBy: request.by, placedAt: new Date(at), recallCaseId: request.recallCaseId } });
        const why = index < request.lots.length ? request.reason : `${request.reason} (cascade from ${describe(request.lots[0] as LotRef)})`;
        const change = await changeStatus(tx, lot, kind === 'recall' ? 'recall' : 'hold', { reason: why, by: request.by, at, holdId });
        placed.push({ ...hold, status: change.status, previousStatus: change.previousStatus });
      }
      return placed;
    });
    this.outbox.wake();
    return { groupId, holds, cascade };
  }

  /**
   * Releases a hold; the first hold of a group (the id POST /holds answered with) releases the whole group, so a
   * cascade is lifted as it was placed: in one action. Each release is its own status change with who and why.
   */
  async release(holdId: string, by: string, reason: string): Promise<{ holdId: string; released: (HoldView & { status: LotStatus })[] }> {
    const released = await this.repository.transaction(async (tx) => {
      const target = await tx.hold.findUnique({ where: { holdId } });
      if (!target) throw notFound(`no hold ${holdId}`);
      if (target.releasedAt !== null) throw new QualityError('QUALITY.ALREADY_RELEASED', `hold ${holdId} was released at ${target.releasedAt.toISOString()} by ${String(target.releasedBy)}`);
      const group = target.groupId === holdId ? await tx.hold.findMany({ where: { groupId: holdId, releasedAt: null }, orderBy: { placedAt: 'asc' } }) : [target];
      await lockLots(tx, group);
      const at = new Date();
      const done: (HoldView & { status: LotStatus })[] = [];
      for (const hold of group) {
        // locked above; a concurrent release of the same hold waited and now sees it released
        const claimed = await tx.hold.updateMany({ where: { holdId: hold.holdId, releasedAt: null }, data: { releasedAt: at, releasedBy: by, releaseReason: reason } });
        if (claimed.count === 0) continue;
        const change = await changeStatus(tx, hold, hold.kind === 'recall' ? 'release-recall' : 'release-hold', { reason, by, at: at.toISOString(), holdId: hold.holdId });
        done.push({ ...toView(hold), releasedAt: at.toISOString(), releasedBy: by, releaseReason: reason, status: change.status });
      }
      return done;
    });
    this.outbox.wake();
    return { holdId, released };
  }

  async find(filter: { item?: string; batchNumber?: string; activeOnly: boolean }): Promise<HoldView[]> {
    const rows = await this.repository.transaction((tx) =>
      tx.hold.findMany({ where: { item: filter.item, batchNumber: filter.batchNumber, ...(filter.activeOnly ? { releasedAt: null } : {}) }, orderBy: [{ placedAt: 'asc' }, { holdId: 'asc' }] }),
    );
    return rows.map(toView);
  }

  async get(holdId: string): Promise<HoldView> {
    const row = await this.repository.transaction((tx) => tx.hold.findUnique({ where: { holdId } }));
    if (!row) throw notFound(`no hold ${holdId}`);
    return toView(row);
  }

  private async withDescendants(request: HoldRequest): Promise<{ lots: LotRef[]; cascade: CascadeOutcome }> {
    const unique = new Map(request.lots.map((lot) => [lotKey(lot.item, lot.batchNumber), lot]));
    if (!request.cascade) return { lots: [...unique.values()], cascade: { requested: false, complete: true, descendants: 0 } };
    const before = unique.size;
    try {
      for (const lot of request.lots) {
        for (const descendant of (await this.traceability.descendants(lot)).lots) unique.set(lotKey(descendant.item, descendant.batchNumber), descendant);
      }
      return { lots: [...unique.values()], cascade: { requested: true, complete: true, descendants: unique.size - before } };
    } catch (error) {
      // The lot asked for is locked whatever traceability does: a one-click lock must not wait for the genealogy.
      const lots = request.lots.filter((lot, index, all) => all.findIndex((other) => lotKey(other.item, other.batchNumber) === lotKey(lot.item, lot.batchNumber)) === index);
      return { lots, cascade: { requested: true, complete: false, descendants: 0, error: { code: 'QUALITY.TRACE_UNAVAILABLE', message: `the descendants could not be read from traceability: ${String(error)}; hold them with a new POST /holds once it answers` } } };
    }
  }
}

function describe(lot: LotRef): string {
  return `${lot.item} / ${JSON.stringify(lot.batchNumber)}`;
}

function toView(row: { holdId: string; groupId: string; item: string; batchNumber: string; kind: string; reason: string; placedBy: string; placedAt: Date; recallCaseId: string | null; releasedAt: Date | null; releasedBy: string | null; releaseReason: string | null }): HoldView {
  return {
    holdId: row.holdId, groupId: row.groupId, item: row.item, batchNumber: row.batchNumber, kind: row.kind as HoldKind, reason: row.reason, placedBy: row.placedBy,
    placedAt: row.placedAt.toISOString(), recallCaseId: row.recallCaseId, releasedAt: row.releasedAt?.toISOString() ?? null, releasedBy: row.releasedBy, releaseReason: row.releaseReason,
  };
}
