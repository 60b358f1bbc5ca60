import { childNamed, childrenNamed, findFirst, textAt, type XmlElement } from '@lotbridge/xml-document';
import type { AsnFormat, DespatchAdviceFields, DespatchLineFields, FormatVocabulary } from './despatch-advice';

/**
 * GS1 XML despatch advice, both generations found in the field:
 * - GS1 XML 3.x (eCom / BMS): despatch_advice:despatchAdviceMessage (urn:gs1:ecom:despatch_advice:xsd:3) holding
 *   unqualified despatchAdvice elements; lines are despatchAdviceLineItem inside despatchAdviceLogisticUnit
 *   (whose logisticUnitIdentification/sscc is the pallet's SSCC); lot data in transactionalTradeItem/transactionalItemData.
 * - GS1 XML 2.x (EAN.UCC, e.g. GS1 US GUSI): deliver:despatchAdvice (urn:ean.ucc:deliver:2) inside an SBDH
 *   envelope; lines are despatchAdviceItemContainmentLineItem with quantityContained and extendedAttributes.
 * The payload's own elements are unqualified in both, so they are matched by local name.
 */
export const GS1_XML_3_DESPATCH_ADVICE = 'urn:gs1:ecom:despatch_advice:xsd:3';
export const GS1_XML_2_DELIVER = 'urn:ean.ucc:deliver:2';

export const GS1_VOCABULARY: Record<'GS1_XML_3' | 'GS1_XML_2', FormatVocabulary> = {
  GS1_XML_3: {
    asnId: 'despatchAdviceIdentification/entityIdentification',
    supplier: 'seller, shipper or shipFrom (gln)',
    lineNumber: 'despatchAdviceLineItem/lineItemNumber',
    batchNumber: 'transactionalItemData/batchNumber',
    quantity: 'despatchedQuantity',
    unit: 'despatchedQuantity/@measurementUnitCode',
    expiry: 'transactionalItemData/itemExpirationDate',
    production: 'transactionalItemData/productionDate',
    sscc: 'logisticUnitIdentification/sscc',
    gtin: 'transactionalTradeItem/gtin',
    supplierPartNumber: 'additionalTradeItemIdentification[@additionalTradeItemIdentificationTypeCode="SUPPLIER_ASSIGNED"]',
  },
  GS1_XML_2: {
    asnId: 'despatchAdviceIdentification/uniqueCreatorIdentification',
    supplier: 'seller, shipper or shipFrom (gln)',
    lineNumber: 'despatchAdviceItemContainmentLineItem/@number',
    batchNumber: 'extendedAttributes/batchNumber',
    quantity: 'quantityContained/value',
    unit: 'quantityContained/unitOfMeasure/measurementUnitCodeValue',
    expiry: 'extendedAttributes/itemExpirationDate',
    production: 'extendedAttributes/productionDate',
    sscc: 'logisticUnitIdentification/serialShippingContainerCode',
    gtin: 'containedItemIdentification/gtin',
    supplierPartNumber: 'additionalTradeItemIdentification (SUPPLIER_ASSIGNED)',
  },
};

const LINE_ELEMENTS = new Set(['despatchAdviceLineItem', 'despatchAdviceItemContainmentLineItem']);
const LOGISTIC_UNIT_ELEMENTS = new Set(['despatchAdviceLogisticUnit', 'despatchAdviceLogisticUnitLineItem']);
const SUPPLIER_ASSIGNED = 'SUPPLIER_ASSIGNED';

/** A party's GLN, else its first additional identification (3.x: the element's text; 2.x: its ...Value child). */
function partyId(party: XmlElement | undefined): string | undefined {
  if (party === undefined) return undefined;
  const gln = textAt(party, ['gln']);
  if (gln !== undefined && gln !== '') return gln;
  const additional = childNamed(party, 'additionalPartyIdentification');
  if (additional === undefined) return undefined;
  return additional.children.length === 0 ? additional.text : textAt(additional, ['additionalPartyIdentificationValue']);
}

/** The SSCC a logistic unit names: logisticUnitIdentification/sscc (3.x), .../serialShippingContainerCode (2.x) or a direct sscc child. */
function ssccOfUnit(unit: XmlElement): string | undefined {
  const identification = childNamed(unit, 'logisticUnitIdentification');
  const search = identification ?? unit;
  const direct = childNamed(search, 'sscc') ?? (identification && findFirst(identification, 'serialShippingContainerCode'));
  if (direct === undefined) return undefined;
  // 2.x nests serialShippingContainerCode/serialShippingContainerCode: take the leaf.
  return direct.children.length === 0 ? direct.text : findLeaf(direct, 'serialShippingContainerCode');
}

function findLeaf(element: XmlElement, name: string): string | undefined {
  for (const child of element.children) {
    if (child.name === name && child.children.length === 0) return child.text;
    const deeper = findLeaf(child, name);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

/** Lines with the SSCC of the nearest logistic unit around them, in document order. */
function collectLines(element: XmlElement, sscc: string | undefined, into: Array<{ line: XmlElement; sscc: string | undefined }>): void {
  for (const child of element.children) {
    if (LINE_ELEMENTS.has(child.name)) into.push({ line: child, sscc });
    else if (LOGISTIC_UNIT_ELEMENTS.has(child.name)) collectLines(child, ssccOfUnit(child) ?? sscc, into);
  }
}

function supplierPartOf3(tradeItem: XmlElement | undefined): string | undefined {
  if (tradeItem === undefined) return undefined;
  return childrenNamed(tradeItem, 'additionalTradeItemIdentification').find((id) => id.attributes?.['additionalTradeItemIdentificationTypeCode'] === SUPPLIER_ASSIGNED)?.text;
}

function supplierPartOf2(identification: XmlElement | undefined): string | undefined {
  if (identification === undefined) return undefined;
  const id = childrenNamed(identification, 'additionalTradeItemIdentification').find((candidate) => textAt(candidate, ['additionalTradeItemIdentificationType']) === SUPPLIER_ASSIGNED);
  return textAt(id, ['additionalTradeItemIdentificationValue']);
}

/** A 3.x line: lot data in the (one) transactionalItemData that names a batch, or the first. */
function readLine3(line: XmlElement, sscc: string | undefined): DespatchLineFields & { lotCount: number } {
  const tradeItem = childNamed(line, 'transactionalTradeItem');
  const lots = tradeItem ? childrenNamed(tradeItem, 'transactionalItemData') : [];
  const withBatch = lots.filter((lot) => childNamed(lot, 'batchNumber') !== undefined || childNamed(lot, 'lotNumber') !== undefined);
  const lot = withBatch[0] ?? lots[0];
  const quantity = childNamed(line, 'despatchedQuantity');
  return {
    lineNumber: textAt(line, ['lineItemNumber']),
    gtin: textAt(tradeItem, ['gtin']),
    supplierPartNumber: supplierPartOf3(tradeItem),
    batchNumber: textAt(lot, ['batchNumber']) ?? textAt(lot, ['lotNumber']),
    expiry: textAt(lot, ['itemExpirationDate']) ?? textAt(lot, ['bestBeforeDate']),
    production: textAt(lot, ['productionDate']),
    quantity: quantity?.text,
    unit: quantity?.attributes?.['measurementUnitCode'],
    sscc,
    purchaseOrder: textAt(line, ['purchaseOrder', 'entityIdentification']),
    lotCount: withBatch.length,
  };
}

/** A 2.x line: extendedAttributes carry the lot; batchNumber wins over lotNumber when both are there. */
function readLine2(line: XmlElement, sscc: string | undefined): DespatchLineFields & { lotCount: number } {
  const identification = childNamed(line, 'containedItemIdentification');
  const attributes = childNamed(line, 'extendedAttributes');
  return {
    lineNumber: line.attributes?.['number'] ?? textAt(line, ['lineItemNumber']),
    gtin: textAt(identification, ['gtin']),
    supplierPartNumber: supplierPartOf2(identification),
    batchNumber: textAt(attributes, ['batchNumber']) ?? textAt(attributes, ['lotNumber']),
    expiry: textAt(attributes, ['itemExpirationDate']) ?? textAt(attributes, ['bestBeforeDate']),
    production: textAt(attributes, ['productionDate']),
    quantity: textAt(line, ['quantityContained', 'value']),
    unit: textAt(line, ['quantityContained', 'unitOfMeasure', 'measurementUnitCodeValue']),
    sscc,
    purchaseOrder: textAt(line, ['purchaseOrder', 'documentLineReference', 'documentReference', 'uniqueCreatorIdentification']),
    lotCount: attributes && textAt(attributes, ['batchNumber']) !== undefined ? 1 : 0,
  };
}

/**
 * Reads one GS1 despatchAdvice element. `envelope` is the document root (for the SBDH sender, the supplier of
 * last resort). Lines naming more than one batch come back with lotCount > 1 for the rules to refuse.
 */
export function readGs1DespatchAdvice(format: Extract<AsnFormat, 'GS1_XML_3' | 'GS1_XML_2'>, advice: XmlElement, envelope: XmlElement): DespatchAdviceFields & { lines: Array<DespatchLineFields & { lotCount: number }> } {
  const found: Array<{ line: XmlElement; sscc: string | undefined }> = [];
  collectLines(advice, undefined, found);
  const read = format === 'GS1_XML_3' ? readLine3 : readLine2;
  const sender = findFirst(envelope, 'Sender');
  return {
    format,
    asnId:
      format === 'GS1_XML_3'
        ? textAt(advice, ['despatchAdviceIdentification', 'entityIdentification'])
        : textAt(advice, ['despatchAdviceIdentification', 'uniqueCreatorIdentification']),
    supplier:
      partyId(childNamed(advice, 'seller')) ??
      partyId(childNamed(advice, 'shipper')) ??
      partyId(childNamed(advice, 'shipFrom')) ??
      (sender && textAt(sender, ['Identifier'])),
    buyer: partyId(childNamed(advice, 'buyer')) ?? partyId(childNamed(advice, 'receiver')),
    shipTo: partyId(childNamed(advice, 'shipTo')),
    issued: textAt(advice, ['creationDateTime']) ?? advice.attributes?.['creationDateTime'],
    lines: found.map(({ line, sscc }) => read(line, sscc)),
  };
}
