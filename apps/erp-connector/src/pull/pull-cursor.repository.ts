import { Injectable } from '@nestjs/common';
import type { ErpSystem } from '@lotbridge/erp-documents';
import { PrismaService } from '../persistence/prisma.service';

/** The last (modified time, bill number) taken in per ERP account and document type, in the ERP's own local time text. */
export interface PullCursor {
  modifiedAt: string;
  billNumber: string;
}

@Injectable()
export class PullCursorRepository {
  constructor(private readonly prisma: PrismaService) {}

  async get(erp: ErpSystem, account: string, documentType: string): Promise<PullCursor | undefined> {
    const row = await this.prisma.pullCursor.findUnique({ where: { erp_account_documentType: { erp, account, documentType } } });
    return row ? { modifiedAt: row.modifiedAt, billNumber: row.billNumber } : undefined;
  }

  async advance(erp: ErpSystem, account: string, documentType: string, cursor: PullCursor): Promise<void> {
    await this.prisma.pullCursor.upsert({
      where: { erp_account_documentType: { erp, account, documentType } },
      create: { erp, account, documentType, ...cursor },
      update: { ...cursor, updatedAt: new Date() },
    });
  }
}
