import { Injectable } from '@nestjs/common';
import { LotMovement } from '@lotbridge/lot';
import { recordAppliedMessage } from '@lotbridge/persistence';
import { Prisma } from '../__generated__/prisma/client';
import { PrismaService } from './prisma.service';

/** trace_movement: every movement once (by movement id), the store of record the in-memory genealogy is rebuilt from. */
@Injectable()
export class MovementRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores the movements not seen before (by message id and by movement id) in one transaction; returns the ones
   * that are new, to be applied to the genealogy after the commit.
   */
  async store(messages: readonly { messageId: string; movement: LotMovement }[]): Promise<LotMovement[]> {
    return this.prisma.$transaction(async (tx) => {
      const fresh: LotMovement[] = [];
      for (const { messageId, movement } of messages) {
        if (!(await recordAppliedMessage(tx, messageId))) continue;
        const inserted = await tx.$executeRawUnsafe(
          `INSERT INTO trace_movement (movement_id, kind, item, batch_number, occurred_at, movement)
           VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb) ON CONFLICT (movement_id) DO NOTHING`,
          movement.movementId, movement.kind, movement.item, movement.batchNumber, movement.occurredAt, JSON.stringify(movement),
        );
        if (inserted === 1) fresh.push(movement);
      }
      return fresh;
    }, { maxWait: 10_000, timeout: 30_000 });
  }

  /** Movements in storage order after a sequence number, for the rebuild at start. */
  async page(afterSeq: bigint, limit: number): Promise<{ seq: bigint; movement: LotMovement }[]> {
    const rows = await this.prisma.traceMovement.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take: limit, select: { seq: true, movement: true } });
    return rows.map((row) => ({ seq: row.seq, movement: row.movement as unknown as LotMovement }));
  }

  async ofLots(lots: readonly { item: string; batchNumber: string }[]): Promise<LotMovement[]> {
    if (lots.length === 0) return [];
    const rows = await this.prisma.traceMovement.findMany({
      where: { OR: lots.map((lot) => ({ item: lot.item, batchNumber: lot.batchNumber })) },
      orderBy: [{ occurredAt: 'asc' }, { movementId: 'asc' }],
      select: { movement: true },
    });
    return rows.map((row) => row.movement as unknown as LotMovement);
  }

  /** Movements that happened in [from, to). */
  async between(from: string, to: string): Promise<LotMovement[]> {
    const where: Prisma.TraceMovementWhereInput = { occurredAt: { gte: new Date(from), lt: new Date(to) } };
    const rows = await this.prisma.traceMovement.findMany({ where, orderBy: [{ occurredAt: 'asc' }, { movementId: 'asc' }], select: { movement: true } });
    return rows.map((row) => row.movement as unknown as LotMovement);
  }
}
