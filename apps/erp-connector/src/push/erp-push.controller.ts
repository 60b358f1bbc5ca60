import { Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { rawBodyOf } from '@lotbridge/persistence';
import { kingdeeAnswer, yonyouAnswer } from './erp-answers';
import { ErpIntakeService } from './erp-intake.service';

/**
 * Push: the ERPs call these with their own documents. POST /kingdee/{formId} (STK_InStock, PRD_INSTOCK,
 * PRD_PickMtrl, SAL_OUTSTOCK, STK_TransferDirect) and POST /yonyou/{voucher} (rdrecord01, rdrecord10,
 * rdrecord11, rdrecord32, TransVouch).
 */
@Controller()
export class ErpPushController {
  constructor(private readonly intake: ErpIntakeService) {}

  @Post('kingdee/:documentType')
  @HttpCode(200)
  async kingdee(@Param('documentType') documentType: string, @Req() request: Request, @Headers('content-type') contentType?: string): Promise<Record<string, unknown>> {
    return kingdeeAnswer(await this.intake.receive('kingdee', documentType, rawBodyOf(request), contentType));
  }

  @Post('yonyou/:documentType')
  @HttpCode(200)
  async yonyou(@Param('documentType') documentType: string, @Req() request: Request, @Headers('content-type') contentType?: string): Promise<Record<string, unknown>> {
    return yonyouAnswer(await this.intake.receive('yonyou', documentType, rawBodyOf(request), contentType));
  }
}
