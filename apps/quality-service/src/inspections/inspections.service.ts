import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CertificateOfAnalysis,
  CharacteristicResult,
  CharacteristicSpec,
  InspectionPlan,
  LotRef,
  LotStatus,
  QualityError,
  UsageDecision,
  checkUsageDecision,
  judgeResults,
} from '@lotbridge/quality';
import { notFound } from '../not-found';
import { Prisma } from '../__generated__/prisma/client';
import { LotStatusRepository, Tx, changeStatus } from '../persistence/lot-status.repository';
import { QualityOutbox } from '../persistence/quality-outbox.service';

export interface InspectionView extends LotRef {
  inspectionId: string;
  origin: 'receipt' | 'manual';
  movementId: string | null;
  characteristics: CharacteristicSpec[];
  certificateOfAnalysis: CertificateOfAnalysis | null;
  createdBy: string;
  createdAt: string;
  results: CharacteristicResult[];
  decision: UsageDecision | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  /** the lot's status after the usage decision, when one was made in this call */
  status?: LotStatus;
}

type InspectionRow = { inspectionId: string; item: string; batchNumber: string; origin: string; movementId: string | null; characteristics: unknown; certificateOfAnalysis: unknown; createdBy: string; createdAt: Date; decision: string | null; decidedBy: string | null; decidedAt: Date | null; decisionReason: string | null };

/** Inspection lots: created on receipt for items that need one, results per characteristic, the usage decision. */
@Injectable()
export class InspectionsService {
  constructor(
    private readonly repository: LotStatusRepository,
    private readonly outbox: QualityOutbox,
  ) {}

  async setPlan(plan: InspectionPlan): Promise<InspectionPlan> {
    await this.repository.transaction((tx) =>
      tx.inspectionPlan.upsert({
        where: { item: plan.item },
        create: { item: plan.item, required: plan.required, characteristics: asJson(plan.characteristics) },
        update: { required: plan.required, characteristics: asJson(plan.characteristics), updatedAt: new Date() },
      }),
    );
    return plan;
  }

  async plan(item: string): Promise<InspectionPlan> {
    return planOf(await this.repository.transaction((tx) => tx.inspectionPlan.findUnique({ where: { item } })), item);
  }

  async create(lot: LotRef, by: string, certificate: CertificateOfAnalysis | null): Promise<InspectionView> {
    const row = await this.repository.transaction(async (tx) => createInspection(tx, lot, { origin: 'manual', by, movementId: null, certificate }));
    return this.view(row, []);
  }

  async find(lot: Partial<LotRef>): Promise<InspectionView[]> {
    const rows = await this.repository.transaction((tx) => tx.inspection.findMany({ where: { item: lot.item, batchNumber: lot.batchNumber }, orderBy: [{ createdAt: 'asc' }, { inspectionId: 'asc' }] }));
    return Promise.all(rows.map(async (row) => this.view(row, await this.results(row.inspectionId))));
  }

  async get(inspectionId: string): Promise<InspectionView> {
    const row = await this.repository.transaction((tx) => tx.inspection.findUnique({ where: { inspectionId } }));
    if (!row) throw notFound(`no inspection ${inspectionId}`);
    return this.view(row, await this.results(inspectionId));
  }

  async recordResults(inspectionId: string, by: string, entries: { characteristic: string; value: string; unit?: string; conforms?: boolean }[]): Promise<InspectionView> {
    const at = new Date().toISOString();
    await this.repository.transaction(async (tx) => {
      const row = await lockInspection(tx, inspectionId);
      const judged = judgeResults({ characteristics: row.characteristics as CharacteristicSpec[], results: [], decision: row.decision as UsageDecision | null }, entries, by, at);
      for (const result of judged) {
        await tx.inspectionResult.create({ data: { inspectionId, characteristic: result.characteristic, value: result.value, unit: result.unit ?? null, conforms: result.conforms, recordedBy: by, recordedAt: new Date(at) } });
      }
    });
    return this.get(inspectionId);
  }

  /** The usage decision and the lot's status change (accept → released, reject → rejected) in one transaction. */
  async decide(inspectionId: string, decision: UsageDecision, by: string, reason: string, certificate: CertificateOfAnalysis | null): Promise<InspectionView> {
    const at = new Date().toISOString();
    const status = await this.repository.transaction(async (tx) => {
      const row = await lockInspection(tx, inspectionId);
      const results = (await tx.inspectionResult.findMany({ where: { inspectionId }, orderBy: { id: 'asc' } })).map(resultView);
      checkUsageDecision({ characteristics: row.characteristics as CharacteristicSpec[], results, decision: row.decision as UsageDecision | null }, decision);
      await tx.inspection.update({
        where: { inspectionId },
        data: { decision, decidedBy: by, decidedAt: new Date(at), decisionReason: reason, ...(certificate ? { certificateOfAnalysis: { ...certificate } } : {}) },
      });
      const change = await changeStatus(tx, row, decision, { reason: `usage decision ${decision}: ${reason}`, by, at, inspectionId });
      return change.status;
    });
    this.outbox.wake();
    return { ...(await this.get(inspectionId)), status };
  }

  private async results(inspectionId: string): Promise<CharacteristicResult[]> {
    const rows = await this.repository.transaction((tx) => tx.inspectionResult.findMany({ where: { inspectionId }, orderBy: { id: 'asc' } }));
    return rows.map(resultView);
  }

  private view(row: InspectionRow, results: CharacteristicResult[]): InspectionView {
    return {
      inspectionId: row.inspectionId, item: row.item, batchNumber: row.batchNumber, origin: row.origin as InspectionView['origin'], movementId: row.movementId,
      characteristics: row.characteristics as CharacteristicSpec[], certificateOfAnalysis: (row.certificateOfAnalysis ?? null) as CertificateOfAnalysis | null,
      createdBy: row.createdBy, createdAt: row.createdAt.toISOString(), results, decision: row.decision as UsageDecision | null, decidedBy: row.decidedBy,
      decidedAt: row.decidedAt?.toISOString() ?? null, decisionReason: row.decisionReason,
    };
  }
}

export function planOf(row: { item: string; required: boolean; characteristics: unknown } | null, item: string): InspectionPlan {
  return row ? { item: row.item, required: row.required, characteristics: row.characteristics as CharacteristicSpec[] } : { item, required: false, characteristics: [] };
}

/** A new inspection lot with the item's planned characteristics; on receipt, once per movement (movement_id is unique). */
export async function createInspection(
  tx: Tx,
  lot: LotRef,
  origin: { origin: 'receipt' | 'manual'; by: string; movementId: string | null; certificate: CertificateOfAnalysis | null },
): Promise<InspectionRow> {
  const plan = planOf(await tx.inspectionPlan.findUnique({ where: { item: lot.item } }), lot.item);
  return tx.inspection.create({
    data: {
      inspectionId: randomUUID(), item: lot.item, batchNumber: lot.batchNumber, origin: origin.origin, movementId: origin.movementId, characteristics: asJson(plan.characteristics),
      ...(origin.certificate ? { certificateOfAnalysis: { ...origin.certificate } } : {}), createdBy: origin.by, createdAt: new Date(),
    },
  });
}

async function lockInspection(tx: Tx, inspectionId: string): Promise<InspectionRow> {
  const locked = await tx.$queryRawUnsafe<unknown[]>('SELECT 1 FROM inspection WHERE inspection_id = $1 FOR UPDATE', inspectionId);
  const row = locked.length > 0 ? await tx.inspection.findUnique({ where: { inspectionId } }) : null;
  if (!row) throw notFound(`no inspection ${inspectionId}`);
  return row;
}

function resultView(row: { characteristic: string; value: string; unit: string | null; conforms: boolean; recordedBy: string; recordedAt: Date }): CharacteristicResult {
  return { characteristic: row.characteristic, value: row.value, ...(row.unit !== null ? { unit: row.unit } : {}), conforms: row.conforms, recordedBy: row.recordedBy, recordedAt: row.recordedAt.toISOString() };
}

export function readCertificate(value: unknown): CertificateOfAnalysis | null {
  if (value === undefined || value === null) return null;
  const input = value as Record<string, unknown>;
  if (typeof input !== 'object' || typeof input['reference'] !== 'string' || input['reference'] === '') {
    throw new QualityError('QUALITY.INVALID_REQUEST', 'certificateOfAnalysis must be {"reference":"…","issuedBy"?,"issuedOn"?}');
  }
  return {
    reference: input['reference'],
    ...(typeof input['issuedBy'] === 'string' ? { issuedBy: input['issuedBy'] } : {}),
    ...(typeof input['issuedOn'] === 'string' ? { issuedOn: input['issuedOn'] } : {}),
  };
}

/** Plain data (specs, certificates) as a Prisma JSON value. */
function asJson(value: CharacteristicSpec[]): Prisma.InputJsonValue {
  return value.map((spec) => ({ ...spec }));
}
