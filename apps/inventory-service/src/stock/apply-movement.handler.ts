import { Injectable } from '@nestjs/common';
import { decideStockPosting, LotMovement, movementProblems } from '@lotbridge/lot';
import { PermanentMessageError } from '@lotbridge/messaging';
import { StockRepository } from '../persistence/stock.repository';

export type ApplyOutcome = 'applied' | 'duplicate';

/**
 * Applies one lot movement to stock: ledger entry and both balance postings in one transaction, together
 * with the record of the message id, so that a redelivery changes nothing. Refusals are permanent errors.
 */
@Injectable()
export class ApplyMovementHandler {
  constructor(private readonly stock: StockRepository) {}

  execute(messageId: string, movement: LotMovement): Promise<ApplyOutcome> {
    const problems = movementProblems(movement);
    if (problems.length > 0) {
      throw new PermanentMessageError('INVENTORY.INVALID_MOVEMENT', `movement ${movement.movementId} is invalid: ${problems.join('; ')}`);
    }
    return this.stock.transaction(async (tx) => {
      // The same movement may come again under another message id (a sender re-sent its document).
      if (!(await tx.recordMessage(messageId)) || (await tx.hasMovement(movement.movementId))) return 'duplicate';
      const onHand = await tx.lockOnHand(movement.item, movement.batchNumber, movement.from);
      const decision = decideStockPosting(movement, onHand);
      if (decision.kind === 'refuse') throw new PermanentMessageError(decision.code, decision.reason);
      for (const posting of decision.postings) await tx.post(posting, movement.unit);
      await tx.appendToLedger(movement);
      return 'applied';
    });
  }
}
