import { batchNumberProblem, type LotMasterData } from '@lotbridge/lot';
import { readIdocControl, type IdocControl } from './idoc-control';
import { invalidField, missingField } from './idoc-errors';
import { fieldsOf, firstOf, optionalSegment, requiredSegment } from './idoc-segments';
import type { XmlElement } from './idoc-xml';
import { sapDate } from './sap-values';

/**
 * Batch master data (message type BATMAS, basic type BATMAS03), the ALE form of BAPI_BATCH_SAVE_REPLICA:
 * E1BATMAS carries MATERIAL (or MATERIAL_LONG), BATCH and PLANT; below it E1BPBATCHATT carries the batch
 * attributes (EXPIRYDATE shelf-life expiration, PROD_DATE date of manufacture, VENDRBATCH vendor batch, VENDOR)
 * and E1BPBATCHSTATUS the status (RESTRICTED "X": batch in restricted-use stock, table field MCH1/MCHA-ZUSTD).
 * Senders that write the batch tables' field names instead (MATNR, CHARG, WERKS, VFDAT, HSDAT, LICHA, LIFNR,
 * ZUSTD) are read the same way; both names present with different values is refused.
 */
export interface BatchMasterIdoc {
  rootElement: string;
  control: IdocControl;
  material: string;
  batch: string;
  plant?: string;
  expiryDate?: string;
  productionDate?: string;
  vendorBatch?: string;
  vendor?: string;
  /** "X": restricted (blocked for use), "": unrestricted, undefined: not sent */
  restricted?: string;
}

/** One field under its BAPI name or its table name; both present and different is a contradiction. */
function aliased(read: (name: string) => string | undefined, segment: string, bapiName: string, tableName: string): string | undefined {
  const bapi = read(bapiName);
  const table = read(tableName);
  if (bapi && table && bapi !== table) throw invalidField({ segment, field: tableName }, table, `differs from ${bapiName} ${JSON.stringify(bapi)}`);
  return bapi || table || undefined;
}

export function batchMasterIdocOf(root: XmlElement, idoc: XmlElement): BatchMasterIdoc {
  const control = readIdocControl(idoc);
  const head = requiredSegment(idoc, 'E1BATMAS', { segment: 'IDOC' }, 'batch segment');
  const read = fieldsOf(head, { segment: 'E1BATMAS' });
  const attributes = optionalSegment(head, 'E1BPBATCHATT', { segment: 'E1BATMAS' });
  const status = optionalSegment(head, 'E1BPBATCHSTATUS', { segment: 'E1BATMAS' });
  const att = fieldsOf(attributes, { segment: 'E1BPBATCHATT' });
  const stat = fieldsOf(status, { segment: 'E1BPBATCHSTATUS' });
  // Table-name senders put everything in E1BATMAS: read each attribute from its segment, then from E1BATMAS.
  const either = (segmentRead: typeof read, segment: string, bapiName: string, tableName: string) =>
    aliased(segmentRead, segment, bapiName, tableName) ?? aliased(read, 'E1BATMAS', bapiName, tableName);

  const material = firstOf(read, 'MATERIAL_LONG') ?? aliased(read, 'E1BATMAS', 'MATERIAL', 'MATNR');
  if (!material) throw missingField({ segment: 'E1BATMAS', field: 'MATERIAL' }, 'the batch belongs to a material');
  const batch = aliased(read, 'E1BATMAS', 'BATCH', 'CHARG');
  if (!batch) throw missingField({ segment: 'E1BATMAS', field: 'BATCH' }, 'a batch master record names its batch');
  return {
    rootElement: root.name,
    control,
    material,
    batch,
    plant: aliased(read, 'E1BATMAS', 'PLANT', 'WERKS'),
    expiryDate: either(att, 'E1BPBATCHATT', 'EXPIRYDATE', 'VFDAT'),
    productionDate: either(att, 'E1BPBATCHATT', 'PROD_DATE', 'HSDAT'),
    vendorBatch: either(att, 'E1BPBATCHATT', 'VENDRBATCH', 'LICHA'),
    vendor: either(att, 'E1BPBATCHATT', 'VENDOR', 'LIFNR'),
    restricted: stat('RESTRICTED') ?? read('ZUSTD'),
  };
}

/** The lot master data a BATMAS says; the batch number byte for byte. */
export function mapBatchMaster(batmas: BatchMasterIdoc): LotMasterData {
  const problem = batchNumberProblem(batmas.batch);
  if (problem) throw invalidField({ segment: 'E1BATMAS', field: 'BATCH' }, batmas.batch, `is not a batch number (${problem.replace(/-/g, ' ')})`);
  const sender = batmas.control.SNDPRN;
  if (!sender) throw missingField({ segment: 'EDI_DC40', field: 'SNDPRN' }, 'it names the source system of the lot data');
  const productionDate = sapDate(batmas.productionDate, { segment: 'E1BPBATCHATT', field: 'PROD_DATE' });
  const expiryDate = sapDate(batmas.expiryDate, { segment: 'E1BPBATCHATT', field: 'EXPIRYDATE' });
  return {
    item: batmas.material,
    batchNumber: batmas.batch,
    ...(productionDate !== undefined && { productionDate }),
    ...(expiryDate !== undefined && { expiryDate }),
    ...(batmas.vendorBatch && { supplierBatchNumber: batmas.vendorBatch }),
    ...(batmas.vendor && { supplier: batmas.vendor }),
    source: { system: `SAP:${sender}`, document: batmas.control.DOCNUM || 'BATMAS', line: batmas.plant ?? '' },
  };
}
