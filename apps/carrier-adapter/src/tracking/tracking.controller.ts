import { Controller, Headers, HttpCode, HttpException, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { TrackingDocumentKind, TrackingIntakeResult, TrackingIntakeService } from './tracking-intake.service';

/** Which HTTP status tells a carrier's webhook sender what is wrong; anything else refused is 422. */
const STATUS_BY_CODE: Record<string, number> = {
  'JSON.TOO_LARGE': 413,
  'JSON.MALFORMED': 400,
  'JSON.UNSUPPORTED_ENCODING': 400,
  'JSON.FORBIDDEN_KEY': 400,
  'JSON.NOT_AN_OBJECT': 400,
  'XML.TOO_LARGE': 413,
  'XML.MALFORMED': 400,
  'XML.UNSUPPORTED_ENCODING': 400,
  'XML.DOCTYPE_FORBIDDEN': 400,
};

@Controller()
export class TrackingController {
  constructor(private readonly intake: TrackingIntakeService) {}

  /** POST /carrier-events: a tracking webhook (generic, EasyPost tracker event, DCSA events). */
  @Post('carrier-events')
  @HttpCode(202)
  webhook(@Req() request: Request, @Headers('content-type') contentType?: string): Promise<TrackingIntakeResult> {
    return this.receive('tracking-webhook', request, contentType);
  }

  /** POST /epcis/events: an EPCIS 2.0 JSON(-LD) document or event, or an EPCIS 2.0 XML document (application/xml). */
  @Post('epcis/events')
  @HttpCode(202)
  epcis(@Req() request: Request, @Headers('content-type') contentType?: string): Promise<TrackingIntakeResult> {
    return this.receive('epcis-document', request, contentType);
  }

  private async receive(kind: TrackingDocumentKind, request: Request, contentType: string | undefined): Promise<TrackingIntakeResult> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const result = await this.intake.receive(kind, body, contentType);
    if (result.status === 'rejected') throw new HttpException({ error: result.code, ...result }, STATUS_BY_CODE[result.code] ?? 422);
    return result;
  }
}
