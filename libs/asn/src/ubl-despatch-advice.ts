import { childNamed, childrenNamed, type XmlElement } from '@lotbridge/xml-document';
import type { DespatchAdviceFields, DespatchLineFields, FormatVocabulary } from './despatch-advice';

/**
 * OASIS UBL 2.x DespatchAdvice (2.0 and 2.1 share the namespaces). Read namespace-aware: a cbc:ID is only the
 * UBL basic component, never an ID of an extension (ext:UBLExtensions) that happens to share the local name.
 */
export const UBL_DESPATCH_ADVICE = 'urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2';
const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';
const CAC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2';

export const UBL_VOCABULARY: FormatVocabulary = {
  asnId: 'cbc:ID',
  supplier: 'cac:DespatchSupplierParty',
  lineNumber: 'cac:DespatchLine/cbc:ID',
  batchNumber: 'cac:ItemInstance/cac:LotIdentification/cbc:LotNumberID',
  quantity: 'cbc:DeliveredQuantity',
  unit: 'cbc:DeliveredQuantity/@unitCode',
  expiry: 'cac:LotIdentification/cbc:ExpiryDate',
  production: 'cac:ItemInstance/cbc:ManufactureDate',
  sscc: 'cac:TransportHandlingUnit/cbc:ID[@schemeID="SSCC"]',
  gtin: 'cac:StandardItemIdentification/cbc:ID',
  supplierPartNumber: 'cac:SellersItemIdentification/cbc:ID',
};

/** Follows "cac:X" / "cbc:Y" steps (first match at each step). */
function at(element: XmlElement | undefined, ...steps: string[]): XmlElement | undefined {
  let current = element;
  for (const step of steps) {
    if (current === undefined) return undefined;
    const [prefix, name = ''] = step.split(':');
    current = childNamed(current, name, prefix === 'cbc' ? CBC : CAC);
  }
  return current;
}

function text(element: XmlElement | undefined, ...steps: string[]): string | undefined {
  const found = at(element, ...steps);
  return found === undefined || found.children.length > 0 ? undefined : found.text;
}

/** A party's identifier: its endpoint or party identification, else the account id the other side gave it, else its name. */
function partyId(role: XmlElement | undefined): string | undefined {
  return (
    text(role, 'cac:Party', 'cbc:EndpointID') ??
    text(role, 'cac:Party', 'cac:PartyIdentification', 'cbc:ID') ??
    text(role, 'cbc:CustomerAssignedAccountID') ??
    text(role, 'cac:Party', 'cac:PartyName', 'cbc:Name')
  );
}

/** The SSCC of the line's transport handling unit: only an ID the sender marks as one (schemeID="SSCC"). */
function ssccOf(line: XmlElement): string | undefined {
  for (const shipment of childrenNamed(line, 'Shipment', CAC)) {
    for (const unit of childrenNamed(shipment, 'TransportHandlingUnit', CAC)) {
      const id = childNamed(unit, 'ID', CBC);
      if (id && id.attributes?.['schemeID'] === 'SSCC') return id.text;
    }
  }
  return undefined;
}

function gtinOf(item: XmlElement | undefined): string | undefined {
  const id = at(item, 'cac:StandardItemIdentification', 'cbc:ID');
  const scheme = id?.attributes?.['schemeID'];
  // GTIN is the usual scheme; 0160 is GS1's code in the ISO 6523 list Peppol uses.
  return id && (scheme === undefined || scheme === 'GTIN' || scheme === '0160') ? id.text : undefined;
}

function readLine(line: XmlElement, orderId: string | undefined): DespatchLineFields {
  const item = at(line, 'cac:Item');
  const instance = at(item, 'cac:ItemInstance');
  const quantity = at(line, 'cbc:DeliveredQuantity');
  const fields: DespatchLineFields = {
    lineNumber: text(line, 'cbc:ID'),
    gtin: gtinOf(item),
    supplierPartNumber: text(item, 'cac:SellersItemIdentification', 'cbc:ID'),
    batchNumber: text(instance, 'cac:LotIdentification', 'cbc:LotNumberID'),
    expiry: text(instance, 'cac:LotIdentification', 'cbc:ExpiryDate') ?? text(instance, 'cbc:BestBeforeDate'),
    production: text(instance, 'cbc:ManufactureDate'),
    quantity: quantity?.text,
    unit: quantity?.attributes?.['unitCode'],
    sscc: ssccOf(line),
    purchaseOrder: text(line, 'cac:OrderLineReference', 'cac:OrderReference', 'cbc:ID') ?? orderId,
  };
  return fields;
}

export function readUblDespatchAdvice(root: XmlElement): DespatchAdviceFields {
  const issueDate = text(root, 'cbc:IssueDate');
  const issueTime = text(root, 'cbc:IssueTime');
  const orderId = text(root, 'cac:OrderReference', 'cbc:ID');
  const deliveryCustomer = at(root, 'cac:DeliveryCustomerParty');
  return {
    format: 'UBL_2',
    asnId: text(root, 'cbc:ID'),
    supplier: partyId(at(root, 'cac:DespatchSupplierParty')),
    buyer: partyId(at(root, 'cac:BuyerCustomerParty')) ?? partyId(deliveryCustomer),
    shipTo: text(root, 'cac:Shipment', 'cac:Delivery', 'cac:DeliveryLocation', 'cbc:ID') ?? partyId(deliveryCustomer),
    issued: issueDate === undefined ? undefined : issueTime === undefined ? issueDate : `${issueDate}T${issueTime}`,
    lines: childrenNamed(root, 'DespatchLine', CAC).map((line) => readLine(line, orderId)),
  };
}
