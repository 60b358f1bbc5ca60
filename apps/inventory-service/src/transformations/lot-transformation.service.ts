import { Injectable } from '@nestjs/common';
import { BatchNumberContext, chooseBatchNumber } from '@lotbridge/batch-numbering';
import { TOPICS, lotKey } from '@lotbridge/contracts';
import { availableQuantity, LotDates, TransformationRequest, TransformationRequestError, transformationIdOf, transformationMovements, transformationProblems } from '@lotbridge/inventory';
import { compareQuantities, Location, locationKey, LotMovement, plantOf } from '@lotbridge/lot';
import { toMovementContract } from '@lotbridge/lot-contracts';
import { outboxEntry } from '@lotbridge/messaging';
import { writeOutbox } from '@lotbridge/persistence';
import { BatchNumberService } from '../batch-numbers/batch-number.service';
import { httpError } from '../http/http-error';
import { InventoryOutbox } from '../persistence/inventory-outbox.service';
import { StockRepository, StockTransaction } from '../persistence/stock.repository';

export interface TransformationCommand {
  kind: 'split' | 'merge';
  requestId: string;
  item: string;
  location: Location;
  occurredAt: string;
  inputs: Array<{ batchNumber: string; quantity: string }>;
  /** a part without a batch number gets one from the item's batch numbering rule */
  outputs: Array<{ batchNumber?: string; quantity: string }>;
  /** what the batch numbering rule may need besides the date (plant defaults to the location's) */
  numbering: Omit<BatchNumberContext, 'date'>;
}

export interface TransformationAnswer {
  status: 'accepted' | 'duplicate';
  transformationId: string;
  outputs: Array<{ batchNumber: string; quantity: string; origin: 'outside' | 'generated' }>;
  movements: Array<{ movementId: string; batchNumber: string; quantity: string; unit: string; from: string; to: string }>;
}

/**
 * POST /lots/split and /lots/merge: checks the input lots' available stock, makes the output batch numbers, and
 * writes the transformation's movements to the outbox (lot.movements.v1) in one transaction. The stock changes when
 * the movements come back from the topic, like any other: the topic stays the one source of the ledger, so a replay
 * gives the same stock. The request id makes a repeat return the first answer.
 */
@Injectable()
export class LotTransformationService {
  constructor(
    private readonly stock: StockRepository,
    private readonly numbers: BatchNumberService,
    private readonly outbox: InventoryOutbox,
  ) {}

  async transform(command: TransformationCommand): Promise<TransformationAnswer> {
    const problems = transformationProblems({ ...command, unit: '', inputs: command.inputs.map((lot) => ({ ...lot, item: command.item, unit: '' })) });
    if (problems.length > 0) throw httpError(400, 'INVENTORY.INVALID_TRANSFORMATION', problems.join('; '), { problems });
    const transformationId = transformationIdOf(command.kind, command.requestId);
    const answer = await this.stock.transaction(async (tx) => {
      await tx.$execute('SELECT pg_advisory_xact_lock(hashtext($1))', transformationId);
      const [earlier] = await tx.$query<{ response: TransformationAnswer }>('SELECT response FROM lot_transformation WHERE transformation_id = $1', transformationId);
      if (earlier) return { ...earlier.response, status: 'duplicate' as const };

      const inputs: TransformationRequest['inputs'] = [];
      let unit: string | undefined;
      for (const input of command.inputs) {
        const lot = await this.availableInput(tx, command.item, input, command.location);
        if (unit !== undefined && lot.unit !== unit) throw httpError(409, 'INVENTORY.UNIT_DIFFERS', `lot ${JSON.stringify(input.batchNumber)} is kept in ${lot.unit}, the others in ${unit}: units are never converted`);
        unit = lot.unit;
        inputs.push({ item: command.item, batchNumber: input.batchNumber, quantity: input.quantity, unit: lot.unit, ...lot.dates });
      }
      const context: BatchNumberContext = { plant: plantOf(command.location), ...command.numbering, date: command.occurredAt.slice(0, 10) };
      const pattern = await this.numbers.patternFor(tx, command.item);
      const outputs: TransformationAnswer['outputs'] = [];
      for (const output of command.outputs) {
        const chosen = await chooseBatchNumber(output.batchNumber, async () => (await this.numbers.issue(tx, command.item, pattern, context)).batchNumber);
        outputs.push({ ...chosen, quantity: output.quantity });
      }
      const request: TransformationRequest = {
        kind: command.kind,
        requestId: command.requestId,
        item: command.item,
        location: command.location,
        unit: unit ?? '',
        occurredAt: command.occurredAt,
        inputs,
        outputs: outputs.map((output) => ({ item: command.item, batchNumber: output.batchNumber, quantity: output.quantity, unit: unit ?? '' })),
      };
      const movements = this.movementsOf(request);
      await writeOutbox(tx.raw, movements.map((m) => outboxEntry(TOPICS.lotMovements, lotKey(m.item, m.batchNumber), m.movementId, toMovementContract(m))));
      const result: TransformationAnswer = {
        status: 'accepted',
        transformationId,
        outputs,
        movements: movements.map((m) => ({ movementId: m.movementId, batchNumber: m.batchNumber, quantity: m.quantity, unit: m.unit, from: locationKey(m.from), to: locationKey(m.to) })),
      };
      await tx.$execute('INSERT INTO lot_transformation (transformation_id, kind, response) VALUES ($1, $2, $3::jsonb)', transformationId, command.kind, JSON.stringify(result));
      return result;
    });
    if (answer.status === 'accepted') this.outbox.wake();
    return answer;
  }

  private movementsOf(request: TransformationRequest): LotMovement[] {
    try {
      return transformationMovements(request);
    } catch (error) {
      if (error instanceof TransformationRequestError) throw httpError(400, error.code, error.message, { problems: error.problems });
      throw error;
    }
  }

  /** The input lot's unit and dates, refusing what its available stock (on hand − reserved) does not cover. */
  private async availableInput(tx: StockTransaction, item: string, input: { batchNumber: string; quantity: string }, location: Location): Promise<{ unit: string; dates: LotDates }> {
    const onHand = await tx.lockOnHand(item, input.batchNumber, location);
    const [balance] = await tx.$query<{ unit: string }>('SELECT unit FROM stock_balance WHERE item = $1 AND batch_number = $2 AND location_key = $3', item, input.batchNumber, locationKey(location));
    const [held] = await tx.$query<{ reserved: string }>(
      'SELECT COALESCE(SUM(held), 0)::text AS reserved FROM stock_reservation WHERE item = $1 AND batch_number = $2 AND location_key = $3',
      item, input.batchNumber, locationKey(location),
    );
    const available = availableQuantity(onHand, held?.reserved ?? '0');
    if (!balance || compareQuantities(available, input.quantity) < 0) {
      throw httpError(409, 'INVENTORY.INSUFFICIENT_STOCK', `lot ${item}/${JSON.stringify(input.batchNumber)} has ${available} available at ${locationKey(location)} (on hand ${onHand}, reserved ${held?.reserved ?? '0'}), ${input.quantity} asked for`);
    }
    const [lot] = await tx.$query<{ production_date: string | null; expiry_date: string | null }>(
      'SELECT production_date::text, expiry_date::text FROM lot WHERE item = $1 AND batch_number = $2', item, input.batchNumber,
    );
    return { unit: balance.unit, dates: { ...(lot?.production_date && { productionDate: lot.production_date }), ...(lot?.expiry_date && { expiryDate: lot.expiry_date }) } };
  }
}
