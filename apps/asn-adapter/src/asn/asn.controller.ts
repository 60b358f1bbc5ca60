import { Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { answerOrRefuse, rawBodyOf } from '@lotbridge/persistence';
import { DiscrepancyRow, findNotice, LineRow, listDiscrepancies, NoticeRow } from '../persistence/asn.repository';
import { PrismaService } from '../persistence/prisma.service';
import { AsnIntakeResult, AsnIntakeService } from './asn-intake.service';
import { ReceiptMatchingService } from './receipt-matching.service';

/** Which HTTP status tells a supplier (or its EDI provider) what is wrong with a refused notice. */
const STATUS_BY_CODE: Record<string, number> = {
  'ASN.TOO_LARGE': 413,
  'ASN.MALFORMED_XML': 400,
  'ASN.DOCTYPE_FORBIDDEN': 400,
  'ASN.UNSUPPORTED_ENCODING': 400,
};

const KEY = /^[1-9]\d{0,18}$/;

export type NoticeView = NoticeRow & { lines: LineRow[]; discrepancies: DiscrepancyRow[] };

@Controller()
export class AsnController {
  constructor(
    private readonly intake: AsnIntakeService,
    private readonly matching: ReceiptMatchingService,
    private readonly prisma: PrismaService,
  ) {}

  /**
   * POST /asns with a GS1 XML or UBL despatch advice. 202 with the expected receipts taken from it (or
   * `duplicate` when this supplier's notice was accepted before); 4xx naming the problem, the raw copy's id and
   * the dead letter's id when it is refused.
   */
  @Post('asns')
  @HttpCode(202)
  async receive(@Req() request: Request, @Headers('content-type') contentType?: string): Promise<AsnIntakeResult> {
    return answerOrRefuse(await this.intake.receive(rawBodyOf(request), contentType), STATUS_BY_CODE);
  }

  /** GET /asns/:asnKey: the notice, its lines with received against expected, and its discrepancies. */
  @Get('asns/:asnKey')
  async notice(@Param('asnKey') asnKey: string): Promise<NoticeView> {
    const notice = KEY.test(asnKey) ? await findNotice(this.prisma, asnKey) : undefined;
    if (!notice) throw new NotFoundException(`no ASN ${asnKey}`);
    return { ...notice, discrepancies: await listDiscrepancies(this.prisma, { asnKey }) };
  }

  /** POST /asns/:asnKey/close: the buyer says nothing more will arrive; short lines are reported now. */
  @Post('asns/:asnKey/close')
  @HttpCode(200)
  async close(@Param('asnKey') asnKey: string): Promise<NoticeView> {
    if (!KEY.test(asnKey) || !(await findNotice(this.prisma, asnKey))) throw new NotFoundException(`no ASN ${asnKey}`);
    await this.matching.close(asnKey, 'buyer');
    return this.notice(asnKey);
  }

  /** GET /discrepancies[?asnKey=&kind=&item=] */
  @Get('discrepancies')
  discrepancies(@Query('asnKey') asnKey?: string, @Query('kind') kind?: string, @Query('item') item?: string): Promise<DiscrepancyRow[]> {
    if (asnKey !== undefined && !KEY.test(asnKey)) return Promise.resolve([]);
    return listDiscrepancies(this.prisma, { ...(asnKey !== undefined && { asnKey }), ...(kind !== undefined && { kind }), ...(item !== undefined && { item }) });
  }
}
