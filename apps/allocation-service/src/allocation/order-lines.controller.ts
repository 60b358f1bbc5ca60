import { BadRequestException, Body, Controller, Get, HttpCode, HttpException, HttpStatus, NotFoundException, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AllocationDecision, CustomerConstraints } from '@lotbridge/allocation';
import { ReservationRecord } from '../messaging/reservation.mapper';
import { AllocationRepository, AuditEntry, StoredOrderLine } from '../persistence/allocation.repository';
import { QualityUnavailableError } from '../quality/quality-status.client';
import { AllocateOrderLineHandler } from './allocate-order-line.handler';
import { constraintsFromBody, orderLineFromBody } from './order-line.request';
import { ReleaseReservationsHandler } from './release-reservations.handler';

/** The answer about one order line: its decision (lots, locations, quantities, backorder, reasons) and reservations. */
export interface OrderLineView {
  orderLineId: string;
  status: 'allocated' | 'cancelled';
  decision: AllocationDecision | null;
  reservations: Array<Omit<ReservationRecord, 'orderLineId' | 'item'>>;
}

function view(orderLineId: string, status: OrderLineView['status'], decision: AllocationDecision | null, reservations: readonly ReservationRecord[]): OrderLineView {
  return { orderLineId, status, decision, reservations: reservations.map(({ orderLineId: _line, item: _item, ...rest }) => rest) };
}

const fail = (status: number, error: string, message: string, extra: Record<string, unknown> = {}) => new HttpException({ error, message, ...extra }, status);

@Controller()
export class OrderLinesController {
  constructor(
    private readonly allocateOrderLine: AllocateOrderLineHandler,
    private readonly releases: ReleaseReservationsHandler,
    private readonly repository: AllocationRepository,
  ) {}

  /** 201 a new decision, 200 the same order line again (its first decision), 400/409/503 with an error code. */
  @Post('order-lines')
  async allocate(@Body() body: unknown, @Res({ passthrough: true }) response: Response): Promise<OrderLineView> {
    const parsed = orderLineFromBody(body);
    if ('problems' in parsed) throw fail(400, 'ALLOCATION.INVALID_ORDER_LINE', parsed.problems.join('; '), { problems: parsed.problems });
    let outcome;
    try {
      outcome = await this.allocateOrderLine.execute(parsed.line);
    } catch (error) {
      if (error instanceof QualityUnavailableError) throw fail(HttpStatus.SERVICE_UNAVAILABLE, error.code, `${error.message}; nothing was reserved`);
      throw error;
    }
    if (outcome.kind === 'refused') throw fail(409, outcome.code, outcome.detail);
    response.status(outcome.kind === 'decided' ? 201 : 200);
    return view(outcome.decision.orderLineId, 'allocated', outcome.decision, outcome.reservations);
  }

  @Get('order-lines/:id')
  async find(@Param('id') orderLineId: string): Promise<OrderLineView> {
    const line = await this.repository.findOrderLine(orderLineId);
    if (!line) throw new NotFoundException({ error: 'ALLOCATION.ORDER_LINE_NOT_FOUND', message: `no order line ${JSON.stringify(orderLineId)}` });
    return view(orderLineId, line.status, line.decision, await this.repository.reservationsOf(orderLineId));
  }

  /** Releases the line's reservations; cancelling twice releases once. An unknown id is remembered as cancelled. */
  @Post('order-lines/:id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') orderLineId: string): Promise<{ orderLineId: string; outcome: string; released: OrderLineView['reservations'] }> {
    const outcome = await this.releases.cancel(orderLineId);
    return { orderLineId, outcome: outcome.kind, released: view(orderLineId, 'cancelled', null, outcome.released).reservations };
  }

  /** GET /reservations?item=&batchNumber=[&state=reserved|released]: a lot's reservations (what a recall must cancel) */
  @Get('reservations')
  async reservations(@Query('item') item?: string, @Query('batchNumber') batchNumber?: string, @Query('state') state?: string): Promise<{ reservations: ReservationRecord[] }> {
    if (item === undefined || batchNumber === undefined) throw new BadRequestException({ error: 'ALLOCATION.LOT_MISSING', message: 'give item and batchNumber' });
    const wanted = state === undefined ? undefined : state.toUpperCase();
    if (wanted !== undefined && wanted !== 'RESERVED' && wanted !== 'RELEASED') throw new BadRequestException({ error: 'ALLOCATION.INVALID_STATE', message: `state "${state}" is neither reserved nor released` });
    return { reservations: await this.repository.reservationsOfLot(item, batchNumber, wanted) };
  }

  /** GET /audit?orderLine=… or ?item=…&batchNumber=…: every reason recorded, oldest first. */
  @Get('audit')
  async audit(@Query('orderLine') orderLineId?: string, @Query('item') item?: string, @Query('batchNumber') batchNumber?: string): Promise<{ orderLine?: Pick<StoredOrderLine, 'status' | 'decidedAt' | 'cancelledAt'> & { backordered?: string; backorderReason?: AllocationDecision['backorderReason'] }; entries: AuditEntry[] }> {
    if (orderLineId === undefined && item === undefined) throw new BadRequestException({ error: 'ALLOCATION.AUDIT_FILTER_MISSING', message: 'give orderLine, or item (and batchNumber)' });
    const entries = await this.repository.audit({ orderLineId, item, batchNumber });
    if (orderLineId === undefined) return { entries };
    const line = await this.repository.findOrderLine(orderLineId);
    if (!line) return { entries };
    return {
      orderLine: { status: line.status, decidedAt: line.decidedAt, cancelledAt: line.cancelledAt, backordered: line.decision?.backordered, backorderReason: line.decision?.backorderReason },
      entries,
    };
  }

  /** PUT /customers/C1/constraints {"minRemainingShelfLifeDays":30,"excludedBatchNumbers":["B7"],"maxLotsPerLine":2} */
  @Put('customers/:customer/constraints')
  async setConstraints(@Param('customer') customer: string, @Body() body: unknown): Promise<CustomerConstraints> {
    const parsed = constraintsFromBody(customer, body);
    if ('problems' in parsed) throw fail(400, 'ALLOCATION.INVALID_CONSTRAINTS', parsed.problems.join('; '), { problems: parsed.problems });
    await this.repository.setConstraints(parsed.constraints);
    return parsed.constraints;
  }
}
