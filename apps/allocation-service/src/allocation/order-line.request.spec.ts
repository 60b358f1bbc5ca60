import { constraintsFromBody, orderLineFromBody } from './order-line.request';

const valid = { orderLineId: 'SO-1|10', item: 'MAT-1', quantity: '12.5', unit: 'KGM', warehouse: 'DE01', customer: 'C1', strategy: 'FEFO' };
const now = () => '2026-01-01T08:00:00.000Z';

describe('orderLineFromBody', () => {
  it('reads an order line and stamps requestedAt when the body has none', () => {
    expect(orderLineFromBody({ ...valid, minRemainingShelfLifeDays: 30, singleLotOnly: true }, now)).toEqual({
      line: { ...valid, minRemainingShelfLifeDays: 30, singleLotOnly: true, requestedAt: '2026-01-01T08:00:00.000Z' },
    });
  });

  it('keeps the batch number of a specified lot byte for byte', () => {
    const parsed = orderLineFromBody({ ...valid, strategy: 'SPECIFIED_LOT', batchNumber: ' 批次-001 ' }, now);
    expect('line' in parsed && parsed.line.batchNumber).toBe(' 批次-001 ');
  });

  it('refuses a quantity given as a JSON number, which may already have lost digits', () => {
    expect(orderLineFromBody({ ...valid, quantity: 0.1 }, now)).toEqual({ problems: ['quantity must be a string (exact decimal text, e.g. "12.5"), not 0.1'] });
  });

  it('names every missing field and every rule the line breaks', () => {
    expect(orderLineFromBody({ strategy: 'FEFO' }, now)).toEqual({
      problems: ['orderLineId is missing', 'item is missing', 'quantity is missing', 'unit is missing', 'warehouse is missing', 'customer is missing'],
    });
    const parsed = orderLineFromBody({ ...valid, warehouse: 'DE01/MAIN', strategy: 'FEFO', batchNumber: 'B1', singleLotOnly: 'yes' }, now);
    expect(parsed).toEqual({ problems: ['singleLotOnly must be true or false, not "yes"'] });
    expect(orderLineFromBody({ ...valid, warehouse: 'DE01/MAIN', batchNumber: 'B1' }, now)).toEqual({
      problems: ['warehouse "DE01/MAIN" is not a plant code', 'batchNumber is only allowed with strategy SPECIFIED_LOT, not FEFO'],
    });
  });

  it('refuses a body that is not a JSON object', () => {
    expect(orderLineFromBody([valid], now)).toEqual({ problems: ['body is not a JSON object'] });
  });
});

describe('constraintsFromBody', () => {
  it('reads the constraints of a customer', () => {
    expect(constraintsFromBody('C1', { minRemainingShelfLifeDays: 30, excludedBatchNumbers: ['B7 '], maxLotsPerLine: 2 })).toEqual({
      constraints: { customer: 'C1', minRemainingShelfLifeDays: 30, excludedBatchNumbers: ['B7 '], maxLotsPerLine: 2 },
    });
  });

  it('refuses constraints the rules cannot use', () => {
    expect(constraintsFromBody('C1', { maxLotsPerLine: 0 })).toEqual({ problems: ['customer "C1": maxLotsPerLine 0 is not a whole number >= 1'] });
    expect(constraintsFromBody('C1', { excludedBatchNumbers: 'B7' })).toEqual({ problems: ['excludedBatchNumbers must be an array of batch numbers'] });
  });
});
