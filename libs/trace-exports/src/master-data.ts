import { Location } from '@lotbridge/lot';

/**
 * What the exports need beyond movements: a movement names an item (an ERP material number), EPCIS needs its GTIN and
 * FSMA 204 a product description; locations and partners are best named by their GLN and a description. The
 * traceability service reads these from lot master data and its own settings.
 */
export interface ExportMasterData {
  product(item: string): { gtin?: string; description?: string } | undefined;
  /** warehouses, production, in-transit; suppliers and customers are partners */
  location?(location: Location): { gln?: string; description?: string } | undefined;
}
