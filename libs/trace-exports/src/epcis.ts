import { LotMovement, canonicalQuantity } from '@lotbridge/lot';
import { CriticalTrackingEvent, TransformationEvent, TransformedLot, criticalTrackingEvents } from './critical-tracking-events';
import { ExportProblem, SkippedMovement } from './export-problem';
import { documentUri, eventId, lgtin, locationUri, partyUri, transformationUri } from './identifiers';
import { ExportMasterData } from './master-data';

/** GS1 EPCIS 2.0 JSON-LD (https://ref.gs1.org/standards/epcis/), validated in a test against GS1's JSON schema. */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

export interface EpcisQuantity {
  epcClass: string;
  /** a JSON number, as the schema demands: only written when it is exactly the decimal the movement carried */
  quantity: number;
  uom: string;
}

interface EpcisEventBase {
  eventTime: string;
  eventTimeZoneOffset: '+00:00';
  eventID: string;
  bizStep: string;
  disposition: string;
  readPoint: { id: string };
  bizLocation: { id: string };
  bizTransactionList: { type: string; bizTransaction: string }[];
}

export interface EpcisObjectEvent extends EpcisEventBase {
  type: 'ObjectEvent';
  action: 'OBSERVE';
  quantityList: EpcisQuantity[];
  sourceList: { type: string; source: string }[];
  destinationList: { type: string; destination: string }[];
}

export interface EpcisTransformationEvent extends EpcisEventBase {
  type: 'TransformationEvent';
  transformationID: string;
  inputQuantityList: EpcisQuantity[];
  outputQuantityList: EpcisQuantity[];
}

export type EpcisEvent = EpcisObjectEvent | EpcisTransformationEvent;

export interface EpcisDocument {
  '@context': string[];
  type: 'EPCISDocument';
  schemaVersion: '2.0';
  creationDate: string;
  epcisBody: { eventList: EpcisEvent[] };
}

export interface EpcisExport {
  document: EpcisDocument;
  /** movements (or whole transformations) left out because they cannot be expressed: the document is incomplete */
  problems: ExportProblem[];
  skipped: SkippedMovement[];
}

/**
 * An EPCIS 2.0 document of the critical tracking events among `movements` (critical-tracking-events.ts):
 * receiving and shipping as ObjectEvents (OBSERVE, CBV bizStep receiving/shipping, disposition in_progress/in_transit),
 * production, split and merge as TransformationEvents linked by the movement's transformation id, lots as LGTIN
 * classes with quantityList. `creationDate` comes from the caller (pure: no clock here).
 */
export function toEpcisDocument(movements: readonly LotMovement[], masterData: ExportMasterData, creationDate: string): EpcisExport {
  const classified = criticalTrackingEvents(movements);
  const problems = [...classified.problems];
  const eventList: EpcisEvent[] = [];
  for (const event of classified.events) {
    const result = epcisEvent(event, masterData);
    if ('problems' in result) problems.push(...result.problems);
    else eventList.push(result);
  }
  return {
    document: { '@context': [EPCIS_CONTEXT], type: 'EPCISDocument', schemaVersion: '2.0', creationDate, epcisBody: { eventList } },
    problems,
    skipped: classified.skipped,
  };
}

function epcisEvent(event: CriticalTrackingEvent, masterData: ExportMasterData): EpcisEvent | { problems: ExportProblem[] } {
  if (event.type === 'transformation') return transformationEvent(event, masterData);
  const { movement } = event;
  const quantity = quantityOf(movement, movement.movementId, masterData);
  if ('problems' in quantity) return quantity;
  const base = {
    type: 'ObjectEvent' as const,
    eventTime: movement.occurredAt,
    eventTimeZoneOffset: '+00:00' as const,
    eventID: eventId(`movement|${movement.movementId}`),
    action: 'OBSERVE' as const,
    quantityList: [quantity],
    bizTransactionList: [{ type: 'desadv', bizTransaction: documentUri(movement.source.system, movement.source.document) }],
  };
  if (event.type === 'receiving') {
    const at = locationUri(movement.to, masterData);
    return {
      ...base,
      bizStep: 'receiving',
      disposition: 'in_progress',
      readPoint: { id: at },
      bizLocation: { id: at },
      sourceList: [{ type: 'owning_party', source: partyUri(movement.from, masterData) }],
      destinationList: [{ type: 'location', destination: at }],
    };
  }
  const from = locationUri(movement.from, masterData);
  return {
    ...base,
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: { id: from },
    bizLocation: { id: from },
    sourceList: [{ type: 'location', source: from }],
    destinationList: [{ type: 'owning_party', destination: partyUri({ kind: 'customer', code: event.shipTo }, masterData) }],
  };
}

function transformationEvent(event: TransformationEvent, masterData: ExportMasterData): EpcisTransformationEvent | { problems: ExportProblem[] } {
  const problems: ExportProblem[] = [];
  const list = (lots: TransformedLot[]) =>
    lots.flatMap((lot) => {
      const movementId = event.movements.find((movement) => movement.item === lot.item && movement.batchNumber === lot.batchNumber)?.movementId ?? '';
      const quantity = quantityOf(lot, movementId, masterData);
      if ('problems' in quantity) {
        problems.push(...quantity.problems.map((problem) => ({ ...problem, transformationId: event.transformationId })));
        return [];
      }
      return [quantity];
    });
  const inputQuantityList = list(event.inputs);
  const outputQuantityList = list(event.outputs);
  if (problems.length > 0) return { problems };
  const first = event.movements[0] as LotMovement;
  const output = event.movements.find((movement) => movement.transformation?.role === 'output');
  const production = first.transformation?.role === 'input' ? first.to : first.from;
  return {
    type: 'TransformationEvent',
    eventTime: event.occurredAt,
    eventTimeZoneOffset: '+00:00',
    eventID: eventId(`transformation|${event.transformationId}`),
    transformationID: transformationUri(event.transformationId),
    inputQuantityList,
    outputQuantityList,
    bizStep: event.kind === 'production' ? 'commissioning' : 'repackaging',
    disposition: 'active',
    readPoint: { id: locationUri(production, masterData) },
    bizLocation: { id: locationUri(output?.to ?? production, masterData) },
    bizTransactionList: event.kind === 'production' ? [{ type: 'prodorder', bizTransaction: documentUri(first.source.system, first.source.document) }] : [],
  };
}

/** UN/ECE Recommendation 20 codes, as the schema's uom pattern allows */
const UNECE_UNIT = /^[A-Z0-9]{2,3}$/;

function quantityOf(lot: { item: string; batchNumber: string; quantity: string; unit: string }, movementId: string, masterData: ExportMasterData): EpcisQuantity | { problems: ExportProblem[] } {
  const epcClass = lgtin(lot.item, lot.batchNumber, masterData);
  const problems: ExportProblem[] = [];
  if (!epcClass.ok) problems.push({ code: epcClass.code, message: epcClass.message, movementId });
  if (!UNECE_UNIT.test(lot.unit)) problems.push({ code: 'EXPORT.UNIT_NOT_UNECE', message: `unit "${lot.unit}" is not a UN/ECE Rec 20 code (2-3 capital letters or digits)`, movementId });
  const exact = canonicalQuantity(lot.quantity);
  const quantity = Number(exact);
  if (String(quantity) !== exact) problems.push({ code: 'EXPORT.QUANTITY_NOT_EXACT', message: `quantity ${exact} cannot be written as an exact JSON number`, movementId });
  if (problems.length > 0 || !epcClass.ok) return { problems };
  return { epcClass: epcClass.value, quantity, uom: lot.unit };
}
