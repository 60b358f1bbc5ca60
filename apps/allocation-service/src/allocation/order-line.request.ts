import { CustomerConstraints, OrderLine, constraintsProblems, orderLineProblems } from '@lotbridge/allocation';

/**
 * The body of POST /order-lines as an order line, or every problem with it (each naming the field). Quantities
 * must be decimal text ("12.5"): a JSON number could already have lost digits. requestedAt defaults to now.
 */
export function orderLineFromBody(body: unknown, now: () => string = () => new Date().toISOString()): { line: OrderLine } | { problems: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problems: ['body is not a JSON object'] };
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  const text = (field: string, required = true): string | undefined => {
    const value = b[field];
    if (value === undefined || value === null) {
      if (required) problems.push(`${field} is missing`);
      return undefined;
    }
    if (typeof value !== 'string') problems.push(`${field} must be a string${field === 'quantity' ? ' (exact decimal text, e.g. "12.5")' : ''}, not ${JSON.stringify(value)}`);
    return typeof value === 'string' ? value : undefined;
  };
  const orderLineId = text('orderLineId');
  const item = text('item');
  const quantity = text('quantity');
  const unit = text('unit');
  const warehouse = text('warehouse');
  const customer = text('customer');
  const strategy = text('strategy');
  const batchNumber = text('batchNumber', false);
  const requestedAt = text('requestedAt', false);
  const referenceDate = text('referenceDate', false);
  const days = b['minRemainingShelfLifeDays'];
  if (days !== undefined && days !== null && typeof days !== 'number') problems.push(`minRemainingShelfLifeDays must be a number of days, not ${JSON.stringify(days)}`);
  const single = b['singleLotOnly'];
  if (single !== undefined && single !== null && typeof single !== 'boolean') problems.push(`singleLotOnly must be true or false, not ${JSON.stringify(single)}`);
  if (problems.length > 0) return { problems };
  const line: OrderLine = {
    orderLineId: orderLineId ?? '',
    item: item ?? '',
    quantity: quantity ?? '',
    unit: unit ?? '',
    warehouse: warehouse ?? '',
    customer: customer ?? '',
    strategy: strategy as OrderLine['strategy'],
    requestedAt: requestedAt ?? now(),
    ...(batchNumber !== undefined && { batchNumber }),
    ...(typeof days === 'number' && { minRemainingShelfLifeDays: days }),
    ...(single === true && { singleLotOnly: true }),
    ...(referenceDate !== undefined && { referenceDate }),
  };
  const lineProblems = orderLineProblems(line);
  return lineProblems.length > 0 ? { problems: lineProblems } : { line };
}

/** The body of PUT /customers/:customer/constraints as constraints, or the problems with it. */
export function constraintsFromBody(customer: string, body: unknown): { constraints: CustomerConstraints } | { problems: string[] } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const excluded = b['excludedBatchNumbers'];
  if (excluded !== undefined && !(Array.isArray(excluded) && excluded.every((x) => typeof x === 'string'))) problems.push('excludedBatchNumbers must be an array of batch numbers');
  for (const field of ['minRemainingShelfLifeDays', 'maxLotsPerLine']) {
    if (b[field] !== undefined && b[field] !== null && typeof b[field] !== 'number') problems.push(`${field} must be a number`);
  }
  if (problems.length > 0) return { problems };
  const constraints: CustomerConstraints = {
    customer,
    ...(typeof b['minRemainingShelfLifeDays'] === 'number' && { minRemainingShelfLifeDays: b['minRemainingShelfLifeDays'] }),
    ...(Array.isArray(excluded) && { excludedBatchNumbers: excluded as string[] }),
    ...(typeof b['maxLotsPerLine'] === 'number' && { maxLotsPerLine: b['maxLotsPerLine'] }),
  };
  const invalid = constraintsProblems([constraints]);
  return invalid.length > 0 ? { problems: invalid } : { constraints };
}
