import { Injectable } from '@nestjs/common';
import { matchReceipt, shortLines, type ReceivedLot } from '@lotbridge/asn';
import { locationKey, type LotMovement } from '@lotbridge/lot';
import { recordAppliedMessage } from '@lotbridge/persistence';
import { candidateNotices, findNotice, lockMatching, markClosed, recordReceipt, reportDiscrepancy, setReceived } from '../persistence/asn.repository';
import { OutboxRelayService } from '../persistence/outbox-relay.service';
import { PrismaService } from '../persistence/prisma.service';

const lotText = (item: string, batchNumber: string) => `${item} batch ${JSON.stringify(batchNumber)}`;

/**
 * Receiving against the notices: each receipt movement (from any adapter) is tied to an open notice and line
 * (libs/asn receipt-matching), counted once, and what does not fit is reported; closing a notice reports its
 * short lines. Everything of one receipt or one closing happens in one transaction with its alerts (outbox).
 */
@Injectable()
export class ReceiptMatchingService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
  ) {}

  /** A goods receipt into a warehouse; other movements are not the adapter's business. */
  static isReceipt(movement: LotMovement): boolean {
    return movement.kind === 'receipt' && movement.to.kind === 'warehouse';
  }

  async applyMovement(messageId: string, movement: LotMovement): Promise<void> {
    if (!ReceiptMatchingService.isReceipt(movement)) return;
    const receipt: ReceivedLot & { movementId: string; occurredAt: string } = {
      movementId: movement.movementId,
      occurredAt: movement.occurredAt,
      item: movement.item,
      batchNumber: movement.batchNumber,
      quantity: movement.quantity,
      unit: movement.unit,
      document: movement.source.document,
      ...(movement.sscc !== undefined && { sscc: movement.sscc }),
      ...(movement.from.kind === 'supplier' && { supplier: movement.from.code }),
    };
    const location = locationKey(movement.to);
    let reported = false;
    await this.prisma.$transaction(async (tx) => {
      if (!(await recordAppliedMessage(tx, messageId))) return;
      await lockMatching(tx);
      const match = matchReceipt(receipt, await candidateNotices(tx, receipt));
      if (match.outcome === 'unrelated') return;
      const { notice, matchedBy } = match;
      const lineNumber = match.outcome === 'matched' || match.outcome === 'wrong-unit' ? match.line.lineNumber : undefined;
      if (!(await recordReceipt(tx, receipt, notice.key, match.outcome, matchedBy, lineNumber))) return;
      const where = `ASN ${notice.asnId} (supplier ${notice.supplier})`;
      const received = `${receipt.quantity} ${receipt.unit} of ${lotText(receipt.item, receipt.batchNumber)}`;
      const base = { asnKey: notice.key, item: receipt.item, batchNumber: receipt.batchNumber, location };
      switch (match.outcome) {
        case 'matched':
          await setReceived(tx, notice.key, match.line.lineNumber, match.receivedAfter);
          if (match.over !== undefined) {
            const detail = `${where} line ${match.line.lineNumber}: received ${match.receivedAfter} ${match.line.unit} of ${lotText(receipt.item, receipt.batchNumber)}, announced ${match.line.quantity} (over by ${match.over})`;
            await reportDiscrepancy(tx, { ...base, kind: 'over', lineNumber: match.line.lineNumber, expected: match.line.quantity, received: match.receivedAfter, unit: match.line.unit, detail });
            reported = true;
          }
          return;
        case 'wrong-unit':
          await reportDiscrepancy(tx, { ...base, kind: 'wrong-unit', lineNumber: match.line.lineNumber, expected: match.line.quantity, received: receipt.quantity, unit: receipt.unit, detail: `${where} line ${match.line.lineNumber}: received ${received}, announced in ${match.line.unit}` });
          break;
        case 'wrong-lot':
          await reportDiscrepancy(tx, { ...base, kind: 'wrong-lot', received: receipt.quantity, unit: receipt.unit, detail: `${where}: received ${received}; the notice announces ${receipt.item} in batch ${match.expectedBatches.map((batch) => JSON.stringify(batch)).join(', ')}` });
          break;
        case 'unexpected-lot':
          await reportDiscrepancy(tx, { ...base, kind: 'unexpected-lot', received: receipt.quantity, unit: receipt.unit, detail: `${where}: received ${received}, which the notice does not announce` });
          break;
      }
      reported = true;
    });
    if (reported) this.relay.wake();
  }

  /** Closes an open notice and reports each line that received less than announced. false when it was not open. */
  async close(asnKey: string, by: 'buyer' | 'grace-period'): Promise<boolean> {
    const closed = await this.prisma.$transaction(async (tx) => {
      await lockMatching(tx);
      if (!(await markClosed(tx, asnKey, by))) return false;
      const notice = await findNotice(tx, asnKey);
      if (!notice) return false;
      const shorts = shortLines(notice.lines.map((line) => ({ ...line, sscc: line.sscc ?? undefined })));
      for (const { line, missing } of shorts) {
        const detail = `ASN ${notice.asnId} (supplier ${notice.supplier}) line ${line.lineNumber}: received ${line.received} of ${line.quantity} ${line.unit} of ${lotText(line.item, line.batchNumber)} (short by ${missing}) when closed by ${by}`;
        await reportDiscrepancy(tx, { asnKey, kind: 'short', lineNumber: line.lineNumber, item: line.item, batchNumber: line.batchNumber, expected: line.quantity, received: line.received, unit: line.unit, detail });
      }
      return true;
    });
    if (closed) this.relay.wake();
    return closed;
  }
}
