import { SourceReference } from './movement';

/** What a document says about one lot (item + batch number). */
export interface LotMasterData {
  item: string;
  batchNumber: string;
  productionDate?: string;
  expiryDate?: string;
  /** the supplier's own batch number (SAP LICHN) */
  supplierBatchNumber?: string;
  /** the supplier's partner number */
  supplier?: string;
  /** the document line that named the lot */
  source: SourceReference;
}
