import { Injectable } from '@nestjs/common';
import { ExportMasterData } from '@lotbridge/trace-exports';
import { PrismaService } from '../persistence/prisma.service';

export interface ProductMasterData {
  item: string;
  gtin: string | null;
  description: string | null;
}

/** The GTIN and description of each item, as the exports name products (set by PUT /products/:item). */
@Injectable()
export class ProductMasterDataRepository {
  constructor(private readonly prisma: PrismaService) {}

  async save(product: ProductMasterData): Promise<ProductMasterData> {
    const { item, gtin, description } = product;
    const saved = await this.prisma.productMasterData.upsert({ where: { item }, create: { item, gtin, description }, update: { gtin, description } });
    return { item: saved.item, gtin: saved.gtin, description: saved.description };
  }

  async find(item: string): Promise<ProductMasterData | undefined> {
    const found = await this.prisma.productMasterData.findUnique({ where: { item } });
    return found ? { item: found.item, gtin: found.gtin, description: found.description } : undefined;
  }

  /** What the export library asks of master data, for the items of the exported movements (one query). */
  async forItems(items: readonly string[]): Promise<ExportMasterData> {
    const rows = await this.prisma.productMasterData.findMany({ where: { item: { in: [...new Set(items)] } } });
    const byItem = new Map(rows.map((row) => [row.item, { ...(row.gtin && { gtin: row.gtin }), ...(row.description && { description: row.description }) }]));
    return { product: (item) => byItem.get(item) };
  }
}
