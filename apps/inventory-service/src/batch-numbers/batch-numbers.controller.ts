import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { BatchNumberContext } from '@lotbridge/batch-numbering';
import { httpError } from '../http/http-error';
import { BatchNumberService, IssuedBatchNumber } from './batch-number.service';

interface BatchNumbersRequest {
  item?: unknown;
  /** YYYY-MM-DD; default today (UTC) */
  date?: unknown;
  plant?: unknown;
  line?: unknown;
  supplier?: unknown;
  model?: unknown;
  /** how many numbers; default 1, at most 1000 */
  count?: unknown;
  /** a pattern for this request instead of the item's rule */
  pattern?: unknown;
}

@Controller()
export class BatchNumbersController {
  constructor(private readonly numbers: BatchNumberService) {}

  /** PUT /batch-number-rules/:item {"pattern":"{plant}{date:YYMMDD}-{line}-{seq:4}"}; item "*" is the default rule. */
  @Put('batch-number-rules/:item')
  setRule(@Param('item') item: string, @Body() body: { pattern?: unknown }): Promise<{ item: string; pattern: string }> {
    if (typeof body?.pattern !== 'string') throw httpError(400, 'BATCH_NUMBER.INVALID_PATTERN', 'pattern must be a string');
    return this.numbers.setRule(item, body.pattern);
  }

  @Get('batch-number-rules')
  rules(): Promise<Array<{ item: string; pattern: string }>> {
    return this.numbers.rules();
  }

  /** POST /batch-numbers {"item":"FG-1","plant":"DE01","line":"L2","count":2} -> 201 {"item","pattern","batchNumbers":[{"batchNumber","sequence"}]} */
  @Post('batch-numbers')
  @HttpCode(201)
  async issue(@Body() body: BatchNumbersRequest): Promise<{ item: string; pattern: string; batchNumbers: IssuedBatchNumber[] }> {
    const item = text(body?.item, 'item');
    if (item === undefined) throw httpError(400, 'BATCH_NUMBER.INVALID_REQUEST', 'item is required');
    const count = body.count === undefined ? 1 : body.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) throw httpError(400, 'BATCH_NUMBER.INVALID_REQUEST', `count must be a whole number from 1 to 1000, not ${JSON.stringify(count)}`);
    const context: BatchNumberContext = {
      date: text(body.date, 'date') ?? new Date().toISOString().slice(0, 10),
      ...optional('plant', text(body.plant, 'plant')),
      ...optional('line', text(body.line, 'line')),
      ...optional('supplier', text(body.supplier, 'supplier')),
      ...optional('model', text(body.model, 'model')),
    };
    const issued = await this.numbers.issueInNewTransaction(item, context, count, text(body.pattern, 'pattern'));
    return { item, ...issued };
  }
}

function text(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw httpError(400, 'BATCH_NUMBER.INVALID_REQUEST', `${field} must be a string, not ${JSON.stringify(value)}`);
  return value;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
