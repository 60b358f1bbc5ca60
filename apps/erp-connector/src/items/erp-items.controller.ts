import { BadRequestException, Body, Controller, Get, Param, Put } from '@nestjs/common';
import type { ErpSystem } from '@lotbridge/erp-documents';
import { ERPS } from '../erp.config';
import { ErpItemRow, ItemCatalogueRepository } from './item-catalogue.repository';

/** The item catalogue: PUT /erp-items/{kingdee|yonyou}/{code} {"item","unit"?}; GET /erp-items/{erp}. */
@Controller('erp-items')
export class ErpItemsController {
  constructor(private readonly items: ItemCatalogueRepository) {}

  @Put(':erp/:code')
  async put(@Param('erp') erp: string, @Param('code') erpItem: string, @Body() body: unknown): Promise<ErpItemRow> {
    const system = erpOf(erp);
    const { item, unit } = (typeof body === 'object' && body !== null ? body : {}) as { item?: unknown; unit?: unknown };
    if (typeof item !== 'string' || item === '') throw new BadRequestException({ error: 'ERP.INVALID_FIELD', message: 'body must be {"item": "<Lotbridge item>", "unit"?: "<unit>"}' });
    if (unit !== undefined && typeof unit !== 'string') throw new BadRequestException({ error: 'ERP.INVALID_FIELD', message: 'unit must be a text' });
    const row: ErpItemRow = { erp: system, erpItem, item, unit: unit ?? null };
    await this.items.put(row);
    return row;
  }

  @Get(':erp')
  list(@Param('erp') erp: string): Promise<ErpItemRow[]> {
    return this.items.list(erpOf(erp));
  }
}

function erpOf(erp: string): ErpSystem {
  if (!(ERPS as readonly string[]).includes(erp)) throw new BadRequestException({ error: 'ERP.UNKNOWN_ERP', message: `unknown ERP "${erp}": kingdee or yonyou` });
  return erp as ErpSystem;
}
