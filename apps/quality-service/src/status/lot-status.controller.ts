import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { isCalendarDate } from '@lotbridge/lot';
import { LotRef, QualityError, readLotRef } from '@lotbridge/quality';
import { notFound } from '../not-found';
import { LotStatusRepository, LotStatusView, StatusChangeView, changeStatus } from '../persistence/lot-status.repository';
import { QualityOutbox } from '../persistence/quality-outbox.service';
import { HoldView, HoldsService } from '../holds/holds.service';

const MAX_LOTS_PER_CALL = 1_000;

@Controller('lots')
export class LotStatusController {
  constructor(
    private readonly repository: LotStatusRepository,
    private readonly holds: HoldsService,
    private readonly outbox: QualityOutbox,
  ) {}

  /**
   * POST /lots/statuses {"lots":[{"item","batchNumber"}]} → {"statuses":[{"item","batchNumber","status","onHold"}]}.
   * Allocation asks right before it commits: one read of committed rows, so a hold committed before the call is seen.
   */
  @Post('statuses')
  @HttpCode(200)
  async statuses(@Body() body: unknown): Promise<{ statuses: LotStatusView[] }> {
    const input = (typeof body === 'object' && body !== null ? body : {}) as { lots?: unknown };
    const problems: string[] = [];
    if (!Array.isArray(input.lots)) throw new QualityError('QUALITY.INVALID_REQUEST', 'lots must be a list of {"item","batchNumber"}');
    if (input.lots.length > MAX_LOTS_PER_CALL) throw new QualityError('QUALITY.INVALID_REQUEST', `at most ${MAX_LOTS_PER_CALL} lots per call, not ${input.lots.length}`);
    const lots = input.lots.map((lot: unknown, index) => readLotRef(lot, `lots[${index}].`, problems));
    if (problems.length > 0) throw new QualityError('QUALITY.INVALID_REQUEST', problems.join('; '));
    return { statuses: await this.repository.statuses(lots) };
  }

  /** GET /lots/status?item=&batchNumber= : the status now, active holds and the whole history (who, when, why). */
  @Get('status')
  async status(@Query('item') item?: string, @Query('batchNumber') batchNumber?: string): Promise<LotStatusView & { disposition: string | null; expiryDate: string | null; activeHolds: HoldView[]; history: StatusChangeView[] }> {
    const problems: string[] = [];
    const lot: LotRef = readLotRef({ item, batchNumber }, '', problems);
    if (problems.length > 0) throw new QualityError('QUALITY.INVALID_REQUEST', problems.join('; '));
    const state = await this.repository.lot(lot);
    if (!state) throw notFound(`quality knows no lot ${lot.item} / ${JSON.stringify(lot.batchNumber)}`);
    return {
      ...lot,
      status: state.status,
      onHold: state.holds + state.recalls > 0,
      disposition: state.disposition,
      expiryDate: state.expiryDate,
      activeHolds: await this.holds.find({ ...lot, activeOnly: true }),
      history: await this.repository.history(lot),
    };
  }

  /** POST /lots/expire {"asOf":"2026-12-03","by":"…"}: released or quarantined lots whose expiry date is before asOf become expired. */
  @Post('expire')
  @HttpCode(200)
  async expire(@Body() body: { asOf?: unknown; by?: unknown }): Promise<{ expired: StatusChangeView[] }> {
    if (typeof body?.asOf !== 'string' || !isCalendarDate(body.asOf)) throw new QualityError('QUALITY.INVALID_REQUEST', 'asOf must be a calendar date (YYYY-MM-DD)');
    const asOf = body.asOf;
    const by = typeof body.by === 'string' && body.by !== '' ? body.by : 'quality-service';
    const expired: StatusChangeView[] = [];
    for (const lot of await this.repository.expiringBefore(asOf)) {
      expired.push(await this.repository.transaction((tx) => changeStatus(tx, lot, 'expire', { reason: `expiry date before ${asOf}`, by, at: new Date().toISOString() })));
    }
    this.outbox.wake();
    return { expired };
  }
}
