import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { RecallError, readRecoveries } from '@lotbridge/recall';
import { batchNumberProblem } from '@lotbridge/lot';
import { RecallsService } from './recalls.service';

type Body = Record<string, unknown> | undefined;

function text(body: Body, field: string): string {
  const value = body?.[field];
  if (typeof value !== 'string' || value.trim() === '') throw new RecallError('RECALL.INVALID_REQUEST', `${field} must be a non-empty string`);
  return value;
}

function lotsOf(body: Body): { item: string; batchNumber: string }[] {
  const lots = body?.['lots'];
  if (!Array.isArray(lots) || lots.length === 0) throw new RecallError('RECALL.INVALID_REQUEST', 'lots must be a non-empty list of {"item","batchNumber"}');
  return lots.map((lot: Record<string, unknown>, index) => {
    const item = lot?.['item'];
    const batchNumber = lot?.['batchNumber'];
    if (typeof item !== 'string' || item === '' || typeof batchNumber !== 'string' || batchNumberProblem(batchNumber)) {
      throw new RecallError('RECALL.INVALID_REQUEST', `lots[${index}] must have a non-empty item and a valid batchNumber`);
    }
    return { item, batchNumber };
  });
}

@Controller('recalls')
export class RecallsController {
  constructor(private readonly recalls: RecallsService) {}

  /** POST /recalls {"lots":[{"item","batchNumber"}],"reason","by"} → 201 the case with its impact */
  @Post()
  @HttpCode(201)
  open(@Body() body: Body) {
    return this.recalls.open(lotsOf(body), text(body, 'reason'), text(body, 'by'));
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.recalls.get(id);
  }

  /** POST /recalls/{id}/lock {"by"}: every affected lot recalled through quality-service in one call */
  @Post(':id/lock')
  @HttpCode(200)
  lock(@Param('id') id: string, @Body() body: Body) {
    return this.recalls.lock(id, text(body, 'by'));
  }

  @Get(':id/notifications')
  notifications(@Param('id') id: string) {
    return this.recalls.notifications(id);
  }

  /** POST /recalls/{id}/recoveries {"by","recoveries":[{"item","batchNumber","quantity","unit","recoveredFrom","note"?}]} */
  @Post(':id/recoveries')
  @HttpCode(200)
  recoveries(@Param('id') id: string, @Body() body: Body) {
    return this.recalls.recordRecoveries(id, readRecoveries(body), text(body, 'by'));
  }

  /** POST /recalls/{id}/close {"by","reason"} */
  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id') id: string, @Body() body: Body) {
    return this.recalls.close(id, text(body, 'by'), text(body, 'reason'));
  }

  @Get(':id/mock-recall')
  mockRecall(@Param('id') id: string) {
    return this.recalls.mockRecall(id);
  }
}
