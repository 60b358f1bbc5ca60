import { Controller, Headers, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { intakeStatusOf, rawBodyOf } from '@lotbridge/persistence';
import { aleaudXml } from '@lotbridge/sap-idoc';
import { SAP_ADAPTER_CONFIG, type SapAdapterConfig } from '../sap-adapter.config';
import { IdocIntakeService } from './idoc-intake.service';

/** Which HTTP status tells an SAP sender (or its middleware) what is wrong with a refused IDoc. */
const STATUS_BY_CODE: Record<string, number> = {
  'IDOC.TOO_LARGE': 413,
  'IDOC.MALFORMED_XML': 400,
  'IDOC.DOCTYPE_FORBIDDEN': 400,
  'IDOC.UNSUPPORTED_ENCODING': 400,
  'IDOC.INVALID_STRUCTURE': 400,
};

/** SAP middleware (CPI, PI/PO, the IDoc XML HTTP service) asks for IDoc-XML back; everyone else gets JSON. */
function wantsXml(accept: string | undefined): boolean {
  return /\b(application|text)\/xml\b/i.test(accept ?? '');
}

@Controller('idocs')
export class IdocController {
  constructor(
    private readonly intake: IdocIntakeService,
    @Inject(SAP_ADAPTER_CONFIG) private readonly config: SapAdapterConfig,
  ) {}

  /**
   * POST /idocs with an IDoc-XML body (DESADV DELVRY03/05/07, MBGMCR MBGMCR02/03, WMMBXY WMMBID02, BATMAS BATMAS03).
   * 202 with what was taken from it (or `duplicate`); 4xx naming the problem, the raw copy's id and the dead
   * letter's id when it is refused. With `Accept: application/xml` the body is the ALEAUD01 acknowledgement
   * (status 53 posted / 51 error with the text) and the HTTP status is the same.
   */
  @Post()
  async receive(@Req() request: Request, @Res() response: Response, @Headers('content-type') contentType?: string, @Headers('accept') accept?: string): Promise<void> {
    const result = await this.intake.receive(rawBodyOf(request), contentType);
    response.status(intakeStatusOf(result, STATUS_BY_CODE));
    if (wantsXml(accept)) {
      const xml = aleaudXml(result.acknowledgement, {
        idocNumber: result.documentId,
        sender: this.config.logicalSystem,
        receiver: result.sender ?? '',
        createdAt: new Date().toISOString(),
      });
      response.type('application/xml; charset=utf-8').send(xml);
      return;
    }
    const { acknowledgement, sender: _sender, ...rest } = result;
    response.json(result.status === 'rejected' ? { error: result.code, ...rest, acknowledgement } : { ...rest, acknowledgement });
  }
}
