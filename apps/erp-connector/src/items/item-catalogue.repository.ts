import { Injectable } from '@nestjs/common';
import type { ErpSystem, ItemCatalogue } from '@lotbridge/erp-documents';
import { PrismaService } from '../persistence/prisma.service';

export interface ErpItemRow {
  erp: ErpSystem;
  erpItem: string;
  item: string;
  unit: string | null;
}

/** Which Lotbridge item each ERP material / inventory code is (table erp_item). */
@Injectable()
export class ItemCatalogueRepository {
  constructor(private readonly prisma: PrismaService) {}

  async put(row: ErpItemRow): Promise<void> {
    await this.prisma.erpItem.upsert({ where: { erp_erpItem: { erp: row.erp, erpItem: row.erpItem } }, create: row, update: { item: row.item, unit: row.unit } });
  }

  async list(erp: ErpSystem): Promise<ErpItemRow[]> {
    const rows = await this.prisma.erpItem.findMany({ where: { erp }, orderBy: { erpItem: 'asc' } });
    return rows.map((row) => ({ ...row, erp }));
  }

  /** The catalogue entries of the codes a document names, as the pure mapping's lookup. */
  async catalogueFor(erp: ErpSystem, codes: readonly string[]): Promise<ItemCatalogue> {
    const rows = await this.prisma.erpItem.findMany({ where: { erp, erpItem: { in: [...new Set(codes)] } } });
    const known = new Map(rows.map((row) => [row.erpItem, { item: row.item, ...(row.unit !== null && { unit: row.unit }) }]));
    return (system, code) => (system === erp ? known.get(code) : undefined);
  }

  /** The ERP codes of a Lotbridge item (outbound status goes to every ERP that knows the item). */
  async erpCodesOf(item: string): Promise<Array<{ erp: ErpSystem; erpItem: string }>> {
    const rows = await this.prisma.erpItem.findMany({ where: { item } });
    return rows.map((row) => ({ erp: row.erp as ErpSystem, erpItem: row.erpItem }));
  }
}
