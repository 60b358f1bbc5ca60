import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DOCUMENT_STATUS_BY_CODE, answerOrRefuse, rawBodyOf } from '@lotbridge/persistence';
import { TrackingDocumentKind, TrackingIntakeResult, TrackingIntakeService } from './tracking-intake.service';

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
    return answerOrRefuse(await this.intake.receive(kind, rawBodyOf(request), contentType), DOCUMENT_STATUS_BY_CODE);
  }
}
