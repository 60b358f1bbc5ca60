import { Injectable } from '@nestjs/common';
import { compareQuantities, decideStockPosting, isInternal, subtractQuantities, Location, locationKey, LotMovement, movementProblems, plantOf } from '@lotbridge/lot';
import { ALERT_KINDS, negativeStockCondition } from '@lotbridge/inventory';
import { PermanentMessageError } from '@lotbridge/messaging';
import { AlertEvaluator } from '../alerts/alert-evaluator.service';
import { StockRepository, StockTransaction } from '../persistence/stock.repository';
import { InventoryOutbox } from '../persistence/inventory-outbox.service';

export type ApplyOutcome = 'applied' | 'parked' | 'duplicate';

export const NEGATIVE_STOCK = ALERT_KINDS.negativeStock;
export const ISSUE_PARKED = ALERT_KINDS.issueParked;

/**
 * Applies one lot movement to stock: ledger postings and balances in one transaction, together with the record
 * of the message id, so that a redelivery changes nothing. An issue the stock does not cover is parked or posted
 * below zero as the plant's policy says (libs/lot stock-ledger.ts), with an alert; parked issues are posted as
 * soon as a receipt covers them.
 */
@Injectable()
export class ApplyMovementHandler {
  constructor(
    private readonly stock: StockRepository,
    private readonly outbox: InventoryOutbox,
    private readonly alerts: AlertEvaluator,
  ) {}

  async execute(messageId: string, movement: LotMovement): Promise<ApplyOutcome> {
    const [outcome] = await this.executeAll([{ messageId, movement }]);
    return outcome ?? 'duplicate';
  }

  /**
   * Applies consecutive movements in one transaction (throughput: one commit instead of one per movement).
   * Any refusal rolls all of them back; the consumer then applies them one by one.
   */
  async executeAll(messages: Array<{ messageId: string; movement: LotMovement }>): Promise<ApplyOutcome[]> {
    for (const { movement } of messages) {
      const problems = movementProblems(movement);
      if (problems.length > 0) {
        throw new PermanentMessageError('INVENTORY.INVALID_MOVEMENT', `movement ${movement.movementId} is invalid: ${problems.join('; ')}`);
      }
    }
    const outcomes = await this.stock.transaction(async (tx) => {
      const applied: ApplyOutcome[] = [];
      for (const { messageId, movement } of messages) applied.push(await this.apply(tx, messageId, movement));
      return applied;
    });
    if (outcomes.some((outcome) => outcome !== 'duplicate')) {
      this.outbox.wake();
      // expiry, slow-moving and safety stock of these items may have changed: evaluated after the commit, off this path
      this.alerts.touch(new Set(messages.map(({ movement }) => movement.item)));
    }
    return outcomes;
  }

  private async apply(tx: StockTransaction, messageId: string, movement: LotMovement): Promise<ApplyOutcome> {
    // The same movement may come again under another message id (a sender re-sent its document).
    if (!(await tx.recordMessage(messageId)) || (await tx.hasMovement(movement.movementId))) return 'duplicate';
    const outcome = await this.post(tx, movement);
    if (outcome === 'applied') await this.postCoveredIssues(tx, movement.item, movement.batchNumber, movement.to);
    return outcome;
  }

  private async post(tx: StockTransaction, movement: LotMovement): Promise<'applied' | 'parked'> {
    const subject = { item: movement.item, batchNumber: movement.batchNumber, location: locationKey(movement.from) };
    const policy = isInternal(movement.from) ? await tx.policyOf(plantOf(movement.from)) : 'strict';
    const decision = decideStockPosting(movement, await tx.lockOnHand(movement.item, movement.batchNumber, movement.from), policy);
    if (decision.kind === 'park') {
      await tx.park(movement, decision.reason);
      await tx.raiseAlert(ISSUE_PARKED, subject, `issue parked: ${decision.reason}`);
      return 'parked';
    }
    for (const posting of decision.postings) {
      const balance = await tx.post(posting, movement);
      if (!isInternal(posting.location)) continue;
      const at = { ...subject, location: locationKey(posting.location) };
      const detail = `on hand ${balance} ${movement.unit} after movement ${movement.movementId}`;
      if (negativeStockCondition(at, balance, movement.unit)) await tx.raiseAlert(NEGATIVE_STOCK, at, detail);
      // Only a balance that was negative before this posting can have an open alert to clear.
      else if (compareQuantities(subtractQuantities(balance, posting.delta), '0') < 0) await tx.clearAlert(NEGATIVE_STOCK, at, detail);
    }
    await tx.appendToLedger(movement);
    return 'applied';
  }

  /**
   * Stock arrived at a location: post the issues parked there that it now covers, oldest first. A posted issue
   * may bring stock somewhere else (a transfer), whose parked issues are then tried too.
   */
  private async postCoveredIssues(tx: StockTransaction, item: string, batchNumber: string, arrivedAt: Location): Promise<void> {
    const locations = [arrivedAt];
    for (let location = locations.shift(); location; location = locations.shift()) {
      if (!isInternal(location)) continue;
      const parked = await tx.parkedAt(item, batchNumber, location);
      let remaining = parked.length;
      for (const issue of parked) {
        const onHand = await tx.lockOnHand(item, batchNumber, location);
        if (decideStockPosting(issue, onHand, 'strict').kind === 'park') break;
        await tx.unpark(issue.movementId);
        await this.post(tx, issue);
        remaining--;
        locations.push(issue.to);
      }
      if (parked.length > 0 && remaining === 0) {
        await tx.clearAlert(ISSUE_PARKED, { item, batchNumber, location: locationKey(location) }, 'every parked issue is posted');
      }
    }
  }
}
