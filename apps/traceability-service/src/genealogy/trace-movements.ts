import { Injectable } from '@nestjs/common';
import { LotMovement } from '@lotbridge/lot';
import { MovementRepository } from '../persistence/movement.repository';

export type TraceMovementQuery = { lots: { item: string; batchNumber: string }[] } | { from: string; to: string };

/**
 * The movements traceability holds, for exports (EPCIS 2.0 events, FSMA 204 critical tracking events): the movements
 * of exactly the given lots (expand them with a trace first to export a genealogy), or every movement that happened
 * in [from, to). Ordered by time, then movement id; batch numbers and quantities as they were received.
 */
@Injectable()
export class TraceMovements {
  constructor(private readonly repository: MovementRepository) {}

  movements(query: TraceMovementQuery): Promise<LotMovement[]> {
    return 'lots' in query ? this.repository.ofLots(query.lots) : this.repository.between(query.from, query.to);
  }
}
