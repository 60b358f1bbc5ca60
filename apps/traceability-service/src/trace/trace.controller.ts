import { Controller, Get, HttpStatus, Query } from '@nestjs/common';
import { BackwardTrace, Completeness, CustomerLots, DeliveryTrace, ForwardTrace, ForwardTracedLot, LotRef, lotKey } from '@lotbridge/genealogy';
import { GenealogyStore } from '../genealogy/genealogy.store';
import { refusal } from '../http-errors';

interface TraceQuery {
  item?: string;
  batchNumber?: string;
  document?: string;
  customer?: string;
}

type Subject = { by: 'lot'; key: string; item: string; batchNumber: string } | { by: 'document'; document: string } | { by: 'customer'; customer: string };

/** What a delivery document carried, followed forward: the lots themselves and what they became, with stock and deliveries. */
export interface DocumentForwardTrace {
  document: string;
  starts: LotRef[];
  lots: ForwardTracedLot[];
}

/**
 * Forward and backward traces as JSON, from the genealogy in memory: by lot (item + batchNumber, URL-encoded,
 * byte for byte), by delivery document, or by customer. Quantities are exact decimal strings with their unit, times
 * as the movements carried them, every line with its source document.
 */
@Controller('trace')
export class TraceController {
  constructor(private readonly store: GenealogyStore) {}

  /** GET /trace/forward?item=&batchNumber= | ?document= | ?customer= */
  @Get('forward')
  async forward(@Query() query: TraceQuery): Promise<ForwardTrace | DocumentForwardTrace | CustomerLots> {
    const genealogy = await this.store.ready();
    const subject = subjectOf(query);
    switch (subject.by) {
      case 'lot':
        return genealogy.forwardTrace(subject.key) ?? unknownLot(subject);
      case 'document': {
        const delivered = genealogy.backwardTraceOfDelivery(subject.document);
        if (!delivered) throw unknownDocument(subject.document);
        const starts = [...new Map(delivered.deliveries.map((delivery) => [delivery.lot.key, delivery.lot])).values()];
        return { document: subject.document, starts, lots: genealogy.forwardTraceOfLots(starts.map((lot) => lot.key)).lots };
      }
      case 'customer': {
        const lots = genealogy.lotsDeliveredTo(subject.customer);
        if (lots.lots.length === 0) throw unknownCustomer(subject.customer);
        return lots;
      }
    }
  }

  /** GET /trace/backward?item=&batchNumber= | ?document= | ?customer= */
  @Get('backward')
  async backward(@Query() query: TraceQuery): Promise<BackwardTrace | DeliveryTrace> {
    const genealogy = await this.store.ready();
    const subject = subjectOf(query);
    switch (subject.by) {
      case 'lot':
        return genealogy.backwardTrace(subject.key) ?? unknownLot(subject);
      case 'document':
      {
        const trace = genealogy.backwardTraceOfDelivery(subject.document);
        if (!trace) throw unknownDocument(subject.document);
        return trace;
      }
      case 'customer': {
        const trace = genealogy.backwardTraceOfCustomer(subject.customer);
        if (!trace) throw unknownCustomer(subject.customer);
        return trace;
      }
    }
  }

  /** GET /trace/completeness: shipped lots not traceable to a supplier receipt, unbalanced transformations, unlinked movements. */
  @Get('completeness')
  async completeness(): Promise<Completeness> {
    return (await this.store.ready()).completeness();
  }
}

function subjectOf(query: TraceQuery): Subject {
  const byLot = query.item !== undefined || query.batchNumber !== undefined;
  const asked = [byLot, query.document !== undefined, query.customer !== undefined].filter(Boolean).length;
  if (asked !== 1) throw refusal(HttpStatus.BAD_REQUEST, 'TRACE.INVALID_QUERY', 'ask by lot (item and batchNumber), by document, or by customer: exactly one of them');
  if (byLot) {
    if (!query.item || query.batchNumber === undefined || query.batchNumber === '') throw refusal(HttpStatus.BAD_REQUEST, 'TRACE.INVALID_QUERY', 'a lot is asked for by item and batchNumber, both non-empty');
    return { by: 'lot', key: lotKey(query.item, query.batchNumber), item: query.item, batchNumber: query.batchNumber };
  }
  if (query.document !== undefined) return { by: 'document', document: query.document };
  return { by: 'customer', customer: query.customer ?? '' };
}

function unknownLot(subject: { item: string; batchNumber: string }): never {
  throw refusal(HttpStatus.NOT_FOUND, 'TRACE.UNKNOWN_LOT', `no movement of lot ${subject.item} / ${JSON.stringify(subject.batchNumber)} is known`);
}

function unknownDocument(document: string) {
  return refusal(HttpStatus.NOT_FOUND, 'TRACE.UNKNOWN_DOCUMENT', `no delivery or return with document ${JSON.stringify(document)} is known`);
}

function unknownCustomer(customer: string) {
  return refusal(HttpStatus.NOT_FOUND, 'TRACE.UNKNOWN_CUSTOMER', `no delivery to customer ${JSON.stringify(customer)} is known`);
}
