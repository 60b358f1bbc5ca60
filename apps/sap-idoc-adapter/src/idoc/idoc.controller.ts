import { Controller, Headers, HttpCode, HttpException, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { IdocIntakeService, IntakeResult } from './idoc-intake.service';

/** Which HTTP status tells an SAP sender (or its middleware) what is wrong with a refused IDoc. */
const STATUS_BY_CODE: Record<string, number> = {
  'IDOC.TOO_LARGE': 413,
  'IDOC.MALFORMED_XML': 400,
  'IDOC.DOCTYPE_FORBIDDEN': 400,
  'IDOC.UNSUPPORTED_ENCODING': 400,
  'IDOC.INVALID_STRUCTURE': 400,
};

@Controller('idocs')
export class IdocController {
  constructor(private readonly intake: IdocIntakeService) {}

  /**
   * POST /idocs with an IDoc-XML body (DESADV DELVRY03/05/07). 202 with the movements taken from it
   * (or `duplicate` when this IDoc was accepted before); 4xx naming the problem, the raw copy's id and the
   * dead letter's id when it is refused.
   */
  @Post()
  @HttpCode(202)
  async receive(@Req() request: Request, @Headers('content-type') contentType?: string): Promise<IntakeResult> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const result = await this.intake.receive(body, contentType);
    if (result.status === 'rejected') {
      throw new HttpException({ error: result.code, ...result }, STATUS_BY_CODE[result.code] ?? 422);
    }
    return result;
  }
}
