import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { DOCUMENT_STATUS_BY_CODE, answerOrRefuse, rawBodyOf } from '@lotbridge/persistence';
import type { ScanAction } from '@lotbridge/scan-movements';
import { ScanIntakeResult, ScanIntakeService } from './scan-intake.service';

/** Scan-in (receipt), scan-out (issue) and move: one barcode at a location each. A bad scan is 422 naming the GS1 error. */
@Controller('scans')
export class ScanController {
  constructor(private readonly intake: ScanIntakeService) {}

  @Post('in')
  @HttpCode(202)
  scanIn(@Req() request: Request, @Headers('content-type') contentType?: string): Promise<ScanIntakeResult> {
    return this.receive('in', request, contentType);
  }

  @Post('out')
  @HttpCode(202)
  scanOut(@Req() request: Request, @Headers('content-type') contentType?: string): Promise<ScanIntakeResult> {
    return this.receive('out', request, contentType);
  }

  @Post('move')
  @HttpCode(202)
  move(@Req() request: Request, @Headers('content-type') contentType?: string): Promise<ScanIntakeResult> {
    return this.receive('move', request, contentType);
  }

  private async receive(action: ScanAction, request: Request, contentType: string | undefined): Promise<ScanIntakeResult> {
    return answerOrRefuse(await this.intake.receive(action, rawBodyOf(request), contentType), DOCUMENT_STATUS_BY_CODE);
  }
}
