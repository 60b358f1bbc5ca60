import { Injectable } from '@nestjs/common';
import {
  BatchNumberContext,
  BatchNumberContextError,
  BatchNumberPattern,
  BatchNumberPatternError,
  parseBatchNumberPattern,
  renderBatchNumber,
  sequenceScope,
} from '@lotbridge/batch-numbering';
import { StockRepository, StockTransaction } from '../persistence/stock.repository';
import { httpError } from '../http/http-error';

/** Used where nobody set a pattern for the item or the default ("*"). */
export const DEFAULT_BATCH_NUMBER_PATTERN = '{date:YYMMDD}{seq:4}';
const DEFAULT_RULE = '*';
/** a scope whose numbers keep colliding with outside lots is a configuration problem, not a reason to loop forever */
const MAX_ATTEMPTS = 1000;

export interface IssuedBatchNumber {
  batchNumber: string;
  sequence: number;
}

/**
 * Makes batch numbers for lots created inside the company. The sequence of a scope is one row, incremented with
 * an upsert that locks it until the transaction ends, so concurrent requests take consecutive values; every number
 * made is recorded under a unique key (item, batch number), and a number that an outside lot already carries, or
 * that another pattern made, is skipped. Numbers from outside are never made or changed here.
 */
@Injectable()
export class BatchNumberService {
  constructor(private readonly stock: StockRepository) {}

  async setRule(item: string, text: string): Promise<{ item: string; pattern: string }> {
    parsePattern(text);
    await this.stock.transaction((tx) =>
      tx.$execute('INSERT INTO batch_number_rule (item, pattern) VALUES ($1, $2) ON CONFLICT (item) DO UPDATE SET pattern = EXCLUDED.pattern', item, text),
    );
    return { item, pattern: text };
  }

  async rules(): Promise<Array<{ item: string; pattern: string }>> {
    return this.stock.transaction((tx) => tx.$query<{ item: string; pattern: string }>('SELECT item, pattern FROM batch_number_rule ORDER BY item'));
  }

  /** The pattern of an item: its own rule, else the default rule, else DEFAULT_BATCH_NUMBER_PATTERN. */
  async patternFor(tx: StockTransaction, item: string, override?: string): Promise<BatchNumberPattern> {
    if (override !== undefined) return parsePattern(override);
    const rows = await tx.$query<{ pattern: string }>(
      'SELECT pattern FROM batch_number_rule WHERE item = $1 OR item = $2 ORDER BY (item = $1) DESC LIMIT 1',
      item,
      DEFAULT_RULE,
    );
    return parsePattern(rows[0]?.pattern ?? DEFAULT_BATCH_NUMBER_PATTERN);
  }

  issueInNewTransaction(item: string, context: BatchNumberContext, count: number, pattern?: string): Promise<{ pattern: string; batchNumbers: IssuedBatchNumber[] }> {
    return this.stock.transaction(async (tx) => {
      const parsed = await this.patternFor(tx, item, pattern);
      const batchNumbers: IssuedBatchNumber[] = [];
      for (let n = 0; n < count; n++) batchNumbers.push(await this.issue(tx, item, parsed, context));
      return { pattern: parsed.text, batchNumbers };
    });
  }

  /** One new batch number for `item`, inside the caller's transaction (it is given up if that rolls back). */
  async issue(tx: StockTransaction, item: string, pattern: BatchNumberPattern, context: BatchNumberContext): Promise<IssuedBatchNumber> {
    // Batch numbers are unique per item (a lot is item + batch number): each item counts on its own.
    const scope = JSON.stringify([item, sequenceScope(pattern, context)]);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [row] = await tx.$query<{ last_value: string }>(
        `INSERT INTO batch_number_sequence (scope, last_value) VALUES ($1, 1)
         ON CONFLICT (scope) DO UPDATE SET last_value = batch_number_sequence.last_value + 1 RETURNING last_value::text`,
        scope,
      );
      const sequence = Number(row?.last_value);
      const batchNumber = render(pattern, context, sequence);
      if (await this.known(tx, item, batchNumber)) continue;
      const inserted = await tx.$execute(
        'INSERT INTO issued_batch_number (item, batch_number, pattern, sequence) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        item,
        batchNumber,
        pattern.text,
        sequence,
      );
      if (inserted === 1) return { batchNumber, sequence };
    }
    throw httpError(409, 'BATCH_NUMBER.EXHAUSTED', `pattern ${JSON.stringify(pattern.text)} gave ${MAX_ATTEMPTS} numbers in a row that lots of item ${JSON.stringify(item)} already carry`);
  }

  /** A lot of this item already carries the number (it came from outside, or moved, or waits parked). */
  private async known(tx: StockTransaction, item: string, batchNumber: string): Promise<boolean> {
    const rows = await tx.$query<unknown>(
      `SELECT 1 FROM lot WHERE item = $1 AND batch_number = $2
       UNION ALL SELECT 1 FROM stock_balance WHERE item = $1 AND batch_number = $2
       UNION ALL SELECT 1 FROM parked_movement WHERE item = $1 AND batch_number = $2 LIMIT 1`,
      item,
      batchNumber,
    );
    return rows.length > 0;
  }
}

function parsePattern(text: string): BatchNumberPattern {
  try {
    return parseBatchNumberPattern(text);
  } catch (error) {
    if (error instanceof BatchNumberPatternError) throw httpError(400, error.code, error.message, { problems: error.problems });
    throw error;
  }
}

function render(pattern: BatchNumberPattern, context: BatchNumberContext, sequence: number): string {
  try {
    return renderBatchNumber(pattern, context, sequence);
  } catch (error) {
    if (error instanceof BatchNumberContextError) throw httpError(400, error.code, error.message, { problems: error.problems });
    throw error;
  }
}
