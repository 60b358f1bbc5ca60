import { Controller, Headers, HttpCode, HttpException, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import type { ScanAction } from '@lotbridge/scan-movements';
import { ScanIntakeResult, ScanIntakeService } from './scan-intake.service';

const STATUS_BY_CODE: Record<string, number> = {
  'JSON.TOO_LARGE': 413,
  'JSON.MALFORMED': 400,
  'JSON.UNSUPPORTED_ENCODING': 400,
  'JSON.FORBIDDEN_KEY': 400,
  'JSON.NOT_AN_OBJECT': 400,
};

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
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const result = await this.intake.receive(action, body, contentType);
    if (result.status === 'rejected') throw new HttpException({ error: result.code, ...result }, STATUS_BY_CODE[result.code] ?? 422);
    return result;
  }
}
