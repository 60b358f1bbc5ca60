import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { toEpcisDocument } from './epcis';
import { ITEMS, allMovements, masterData, movement, scenario } from './test-support/scenario';

const schema = JSON.parse(readFileSync(join(__dirname, '../../../test/standards/epcis-2.0/EPCIS-JSON-Schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const CREATED = '2024-03-08T12:00:00Z';
const lgtin = (gtin: string, batch: string) => `https://id.gs1.org/01/${gtin.padStart(14, '0')}/10/${encodeURIComponent(batch)}`;

describe('EPCIS 2.0 export', () => {
  const { document, problems, skipped } = toEpcisDocument(allMovements, masterData, CREATED);

  it('is valid against GS1 EPCIS 2.0 JSON schema', () => {
    const valid = validate(document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(problems).toEqual([]);
  });

  it('the schema is not a rubber stamp: a wrong bizStep, a text quantity or a missing offset are refused', () => {
    const event = document.epcisBody.eventList[0];
    expect(validate({ ...document, epcisBody: { eventList: [{ ...event, bizStep: 'teleporting' }] } })).toBe(false);
    expect(validate({ ...document, epcisBody: { eventList: [{ ...event, quantityList: [{ epcClass: 'x', quantity: '500', uom: 'KGM' }] }] } })).toBe(false);
    expect(validate({ ...document, epcisBody: { eventList: [{ ...event, eventTimeZoneOffset: undefined }] } })).toBe(false);
  });

  it('receiving and shipping are ObjectEvents with CBV steps, LGTIN quantities, locations and documents', () => {
    const events = document.epcisBody.eventList;
    expect(events.map((event) => [event.type, event.bizStep, event.eventTime])).toEqual([
      ['ObjectEvent', 'receiving', '2024-03-01T06:00:00Z'],
      ['ObjectEvent', 'receiving', '2024-03-01T07:00:00Z'],
      ['TransformationEvent', 'commissioning', '2024-03-02T12:00:00.5Z'],
      ['TransformationEvent', 'repackaging', '2024-03-03T08:00:00Z'],
      ['ObjectEvent', 'shipping', '2024-03-06T08:00:00Z'],
      ['ObjectEvent', 'shipping', '2024-03-06T09:00:00Z'],
    ]);
    expect(events[0]).toMatchObject({
      action: 'OBSERVE',
      disposition: 'in_progress',
      quantityList: [{ epcClass: lgtin(ITEMS.flour.gtin, 'L-0815'), quantity: 500, uom: 'KGM' }],
      readPoint: { id: 'https://id.gs1.org/414/4012345000009' },
      bizLocation: { id: 'https://id.gs1.org/414/4012345000009' },
      bizTransactionList: [{ type: 'desadv', bizTransaction: 'urn:lotbridge:document:SAP%3AQS1CLNT400:0180000101' }],
      sourceList: [{ type: 'owning_party', source: 'urn:lotbridge:party:supplier:S1' }],
    });
    expect(events[4]).toMatchObject({
      disposition: 'in_transit',
      quantityList: [{ epcClass: lgtin(ITEMS.dough.gtin, 'F1-A'), quantity: 150, uom: 'KGM' }],
      readPoint: { id: 'urn:lotbridge:location:warehouse:DE02%2FMAIN' },
      destinationList: [{ type: 'owning_party', destination: 'urn:lotbridge:party:customer:C1' }],
      bizTransactionList: [{ type: 'desadv', bizTransaction: 'urn:lotbridge:document:SAP%3AQS1CLNT400:0080000100' }],
    });
  });

  it('production links inputs to outputs by the transformation id, net of the return from production', () => {
    const production = document.epcisBody.eventList[2];
    expect(production).toMatchObject({
      type: 'TransformationEvent',
      transformationID: 'urn:lotbridge:transformation:P-1000001',
      inputQuantityList: [
        { epcClass: lgtin(ITEMS.flour.gtin, 'L-0815'), quantity: 400, uom: 'KGM' },
        { epcClass: lgtin(ITEMS.eggs.gtin, '0000042'), quantity: 200, uom: 'KGM' },
      ],
      outputQuantityList: [{ epcClass: lgtin(ITEMS.dough.gtin, 'F1'), quantity: 600, uom: 'KGM' }],
      bizTransactionList: [{ type: 'prodorder', bizTransaction: 'urn:lotbridge:document:SAP%3AQS1CLNT400:P-1000001' }],
    });
    expect(document.epcisBody.eventList[3]).toMatchObject({
      inputQuantityList: [{ epcClass: lgtin(ITEMS.dough.gtin, 'F1'), quantity: 600 }],
      outputQuantityList: [
        { epcClass: lgtin(ITEMS.dough.gtin, 'F1-A'), quantity: 350 },
        { epcClass: lgtin(ITEMS.dough.gtin, 'F1-B'), quantity: 250 },
      ],
    });
  });

  it('says what it left out and why: transfers, the proof-of-delivery leg', () => {
    expect(skipped.map((entry) => entry.movementId)).toEqual([scenario.transferOut.movementId, scenario.transferIn.movementId, scenario.deliveredA.movementId]);
    expect(skipped[2]?.reason).toMatch(/proof of delivery/);
  });

  it('gives the same event ids for the same movements (redelivered exports do not create new events)', () => {
    const again = toEpcisDocument([...allMovements].reverse(), masterData, CREATED);
    expect(again.document.epcisBody.eventList.map((event) => event.eventID)).toEqual(document.epcisBody.eventList.map((event) => event.eventID));
    expect(new Set(document.epcisBody.eventList.map((event) => event.eventID)).size).toBe(6);
  });

  it('refuses what it cannot express with a code, and exports the rest', () => {
    const noGtin = movement('receipt', 'UNKNOWN-ITEM', 'L-1', '5', { kind: 'supplier', code: 'S9' }, scenario.receiptFlour.to, '2024-03-01T06:00:00Z', 'R-9');
    const cjkBatch = movement('receipt', ITEMS.flour.item, '批次-001 ', '5', { kind: 'supplier', code: 'S9' }, scenario.receiptFlour.to, '2024-03-01T06:00:00Z', 'R-10');
    const badUnit = { ...movement('receipt', ITEMS.flour.item, 'L-2', '5', { kind: 'supplier', code: 'S9' }, scenario.receiptFlour.to, '2024-03-01T06:00:00Z', 'R-11'), unit: 'kg' };
    const huge = movement('receipt', ITEMS.flour.item, 'L-3', '12345678901234567.123456', { kind: 'supplier', code: 'S9' }, scenario.receiptFlour.to, '2024-03-01T06:00:00Z', 'R-12');
    const noGtinInput = movement('production-consumption', 'UNKNOWN-ITEM', 'L-1', '5', scenario.consumeFlour.from, scenario.consumeFlour.to, '2024-03-02T08:00:00Z', 'P-1000001', ['P-1000001', 'input']);
    const result = toEpcisDocument([...allMovements, noGtin, cjkBatch, badUnit, huge, noGtinInput], masterData, CREATED);
    expect(result.problems).toHaveLength(5);
    expect(result.problems.map((problem) => [problem.code, problem.movementId, problem.transformationId])).toEqual(expect.arrayContaining([
      ['EXPORT.ITEM_WITHOUT_GTIN', noGtin.movementId, undefined],
      ['EXPORT.BATCH_NOT_GS1', cjkBatch.movementId, undefined],
      ['EXPORT.UNIT_NOT_UNECE', badUnit.movementId, undefined],
      ['EXPORT.QUANTITY_NOT_EXACT', huge.movementId, undefined],
      ['EXPORT.ITEM_WITHOUT_GTIN', noGtinInput.movementId, 'P-1000001'],
    ]));
    expect(result.problems.find((problem) => problem.movementId === noGtin.movementId)?.message).toContain('UNKNOWN-ITEM');
    // the production it belongs to is left out whole, everything else is there and still valid
    expect(result.document.epcisBody.eventList.map((event) => event.type)).toEqual(['ObjectEvent', 'ObjectEvent', 'TransformationEvent', 'ObjectEvent', 'ObjectEvent']);
    expect(validate(result.document)).toBe(true);
  });
});
