import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { LotMasterData, LotMovement } from '@lotbridge/contracts';
import { fromMovementContract } from '@lotbridge/lot-contracts';
import { movementProblems } from '@lotbridge/lot';
import { ConsumedMessage, PermanentMessageError } from '@lotbridge/messaging';
import { arrivalAction, inheritedArrivalAction, materialInputsOf } from '@lotbridge/quality';
import { inheritHolds } from '../holds/holds.service';
import { createInspection, planOf } from '../inspections/inspections.service';
import { LotStatusRepository, changeStatus, lockLot, lockLots, recordMessage } from '../persistence/lot-status.repository';
import { QualityOutbox } from '../persistence/quality-outbox.service';

/**
 * A lot's first arrival in a warehouse gives it its first status (quarantine with an inspection lot when the item
 * needs inspection, released otherwise); a split or merge output that names its inputs gets theirs instead (released
 * only when every input is, and every active hold and recall of an input as its own). Expiry dates are kept for
 * POST /lots/expire. Each message once.
 */
@Controller()
export class LotEventsConsumer {
  constructor(
    private readonly repository: LotStatusRepository,
    private readonly outbox: QualityOutbox,
  ) {}

  @EventPattern('lot.movements.v1')
  async onMovement(@Payload() message: ConsumedMessage<LotMovement>): Promise<void> {
    const movement = fromMovementContract(message.value);
    const problems = movementProblems(movement);
    if (problems.length > 0) throw new PermanentMessageError('QUALITY.INVALID_MOVEMENT', `movement ${movement.movementId} is invalid: ${problems.join('; ')}`);
    const changed = await this.repository.transaction(async (tx) => {
      if (!(await recordMessage(tx, message.messageId))) return false;
      const lot = { item: movement.item, batchNumber: movement.batchNumber };
      if (movement.expiryDate) await tx.$executeRawUnsafe('INSERT INTO quality_lot (item, batch_number, expiry_date) VALUES ($1, $2, $3::date) ON CONFLICT (item, batch_number) DO UPDATE SET expiry_date = EXCLUDED.expiry_date', lot.item, lot.batchNumber, movement.expiryDate);
      // a split or merge output is its inputs' material: locked with them (one fixed order) and given their state
      const inputs = materialInputsOf(movement);
      const [state, ...inputStates] = inputs.length > 0 ? await lockLots(tx, [lot, ...inputs]) : [await lockLot(tx, lot)];
      if (!state || state.disposition !== null) return false;
      const plan = planOf(await tx.inspectionPlan.findUnique({ where: { item: lot.item } }), lot.item);
      const action = arrivalAction(movement, plan.required);
      if (!action) return false;
      const { system, document, line } = movement.source;
      const by = `system:${system}`;
      const at = new Date().toISOString();
      const arrival = `first arrival: ${movement.kind} ${document}/${line} into ${movement.to.code}`;
      if (inputs.length > 0) {
        const inherited = inheritedArrivalAction(inputStates);
        const from = inputs.map((input) => `${input.item}/${JSON.stringify(input.batchNumber)}`).join(', ');
        await changeStatus(tx, lot, inherited, { reason: `${arrival}, ${inherited === 'arrive-released' ? 'released as' : 'not every input released:'} ${from}`, by, at });
        await inheritHolds(tx, lot, inputs, { by, at, via: `${movement.kind} ${document}` });
        return true;
      }
      await changeStatus(tx, lot, action, { reason: `${arrival}${plan.required ? ', inspection required' : ''}`, by, at });
      if (plan.required) await createInspection(tx, lot, { origin: 'receipt', by, movementId: movement.movementId, certificate: null });
      return true;
    });
    if (changed) this.outbox.wake();
  }

  @EventPattern('lot.master.v1')
  async onLotMasterData(@Payload() message: ConsumedMessage<LotMasterData>): Promise<void> {
    const lot = message.value;
    await this.repository.transaction(async (tx) => {
      if (!(await recordMessage(tx, message.messageId)) || lot.expiryDate === null) return;
      await tx.$executeRawUnsafe(
        'INSERT INTO quality_lot (item, batch_number, expiry_date) VALUES ($1, $2, $3::date) ON CONFLICT (item, batch_number) DO UPDATE SET expiry_date = EXCLUDED.expiry_date',
        lot.item, lot.batchNumber, lot.expiryDate,
      );
    });
  }
}
