import { addQuantities, compareQuantities, subtractQuantities } from '@lotbridge/lot';

/**
 * Receiving matched against advance shipping notices. A receipt (from any adapter: SAP goods receipt, a scan)
 * is first tied to one open notice, then to one of its lines; what does not fit is a discrepancy the buyer is
 * told about:
 * - over: more of a lot arrived than its line announced (decided at once, with each receipt);
 * - short: less arrived than announced (decided only when the notice is closed: by the buyer, or after the
 *   adapter's grace period, because goods arrive in several receipts);
 * - wrong-lot: the announced item arrived, but a batch the notice does not name for it;
 * - unexpected-lot: an item the notice does not announce at all arrived against it;
 * - wrong-unit: the lot's line counts in another unit (nothing is converted; a person decides).
 */
export type DiscrepancyKind = 'over' | 'short' | 'wrong-lot' | 'unexpected-lot' | 'wrong-unit';

/** One expected receipt with what has been received against it so far. */
export interface ExpectedLineState {
  lineNumber: string;
  item: string;
  batchNumber: string;
  sscc?: string;
  quantity: string;
  unit: string;
  /** sum of the matched receipts, same unit */
  received: string;
}

export interface OpenNotice {
  /** our key of the notice (the adapter's row id) */
  key: string;
  asnId: string;
  supplier: string;
  lines: ExpectedLineState[];
}

/** What a receipt movement says about the goods that arrived. */
export interface ReceivedLot {
  item: string;
  batchNumber: string;
  quantity: string;
  unit: string;
  sscc?: string;
  /** the source document of the receipt (a scan may carry the ASN number, SAP its inbound delivery) */
  document: string;
  /** the supplier location's code, when the receipt comes from a supplier */
  supplier?: string;
}

/** How the receipt was tied to its notice, strongest evidence first. */
export type MatchedBy = 'sscc' | 'asn-reference' | 'lot' | 'supplier';

export type ReceiptMatch =
  | { outcome: 'unrelated' }
  | { outcome: 'matched'; notice: OpenNotice; matchedBy: MatchedBy; line: ExpectedLineState; receivedAfter: string; over?: string }
  | { outcome: 'wrong-unit'; notice: OpenNotice; matchedBy: MatchedBy; line: ExpectedLineState }
  | { outcome: 'wrong-lot'; notice: OpenNotice; matchedBy: MatchedBy; expectedBatches: string[] }
  | { outcome: 'unexpected-lot'; notice: OpenNotice; matchedBy: MatchedBy };

/**
 * The notice a receipt belongs to: the one naming its SSCC, else the one whose number the receipt carries as its
 * document, else one announcing the same lot, else one from the same supplier announcing the item, else any open
 * notice of that supplier. `notices` come oldest first, and the oldest candidate wins.
 */
export function noticeFor(receipt: ReceivedLot, notices: readonly OpenNotice[]): { notice: OpenNotice; matchedBy: MatchedBy } | undefined {
  const first = (matchedBy: MatchedBy, test: (notice: OpenNotice) => boolean) => {
    const notice = notices.find(test);
    return notice && { notice, matchedBy };
  };
  const { sscc, supplier } = receipt;
  return (
    (sscc !== undefined ? first('sscc', (notice) => notice.lines.some((line) => line.sscc === sscc)) : undefined) ??
    first('asn-reference', (notice) => notice.asnId === receipt.document) ??
    first('lot', (notice) => notice.lines.some((line) => line.item === receipt.item && line.batchNumber === receipt.batchNumber)) ??
    (supplier !== undefined
      ? (first('supplier', (notice) => notice.supplier === supplier && notice.lines.some((line) => line.item === receipt.item)) ??
        first('supplier', (notice) => notice.supplier === supplier))
      : undefined)
  );
}

/** The line of the notice the receipt fills: same lot, the one with the receipt's SSCC first, then one not yet full. */
function lineFor(receipt: ReceivedLot, notice: OpenNotice): ExpectedLineState | undefined {
  const sameLot = notice.lines.filter((line) => line.item === receipt.item && line.batchNumber === receipt.batchNumber);
  const ranked = [
    ...sameLot.filter((line) => receipt.sscc !== undefined && line.sscc === receipt.sscc),
    ...sameLot.filter((line) => line.unit === receipt.unit && compareQuantities(line.received, line.quantity) < 0),
    ...sameLot.filter((line) => line.unit === receipt.unit),
    ...sameLot,
  ];
  return ranked[0];
}

/** Ties one receipt to a notice and a line. Pure: the caller stores `receivedAfter` and the discrepancies. */
export function matchReceipt(receipt: ReceivedLot, notices: readonly OpenNotice[]): ReceiptMatch {
  const found = noticeFor(receipt, notices);
  if (!found) return { outcome: 'unrelated' };
  const { notice, matchedBy } = found;
  const line = lineFor(receipt, notice);
  if (line) {
    if (line.unit !== receipt.unit) return { outcome: 'wrong-unit', notice, matchedBy, line };
    const receivedAfter = addQuantities(line.received, receipt.quantity);
    const over = compareQuantities(receivedAfter, line.quantity) > 0 ? subtractQuantities(receivedAfter, line.quantity) : undefined;
    return { outcome: 'matched', notice, matchedBy, line, receivedAfter, ...(over !== undefined && { over }) };
  }
  const expectedBatches = [...new Set(notice.lines.filter((candidate) => candidate.item === receipt.item).map((candidate) => candidate.batchNumber))];
  if (expectedBatches.length > 0) return { outcome: 'wrong-lot', notice, matchedBy, expectedBatches };
  return { outcome: 'unexpected-lot', notice, matchedBy };
}

/** The lines of a closed notice that did not fully arrive, with what is missing. */
export function shortLines(lines: readonly ExpectedLineState[]): Array<{ line: ExpectedLineState; missing: string }> {
  return lines.filter((line) => compareQuantities(line.received, line.quantity) < 0).map((line) => ({ line, missing: subtractQuantities(line.quantity, line.received) }));
}
