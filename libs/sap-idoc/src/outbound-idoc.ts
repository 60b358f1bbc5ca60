/**
 * IDoc-XML that Lotbridge sends to SAP: the ALEAUD01 audit acknowledgement of each inbound IDoc and a BATMAS03
 * batch status update when a lot's quality status changes. Written by hand (a few fixed segments), values
 * XML-escaped and never trimmed, so batch numbers leave exactly as they came in.
 */

export interface OutboundControl {
  /** our IDoc number, up to 16 digits (zero-padded) */
  idocNumber: string;
  /** our logical system (SNDPRN), e.g. LOTBRIDGE */
  sender: string;
  /** SAP's logical system (RCVPRN) */
  receiver: string;
  /** UTC instant of creation */
  createdAt: string;
}

export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

type Fields = ReadonlyArray<readonly [string, string | undefined]>;

function fields(list: Fields, indent: string): string {
  return list.flatMap(([name, value]) => (value === undefined ? [] : [`${indent}<${name}>${xmlText(value)}</${name}>`])).join('\n');
}

function controlRecord(idocType: string, messageType: string, control: OutboundControl): string {
  const [date = '', time = ''] = control.createdAt.split('T');
  return `    <EDI_DC40 SEGMENT="1">
${fields(
  [
    ['TABNAM', 'EDI_DC40'],
    ['DOCNUM', control.idocNumber.padStart(16, '0')],
    ['DIRECT', '2'],
    ['IDOCTYP', idocType],
    ['MESTYP', messageType],
    ['SNDPOR', control.sender],
    ['SNDPRT', 'LS'],
    ['SNDPRN', control.sender],
    ['RCVPRT', 'LS'],
    ['RCVPRN', control.receiver],
    ['CREDAT', date.replace(/-/g, '')],
    ['CRETIM', time.slice(0, 8).replace(/:/g, '')],
  ],
  '      ',
)}
    </EDI_DC40>`;
}

/** IDoc status: 53 "application document posted", 51 "application document not posted" (error). */
export type IdocStatus = '53' | '51';

export interface IdocAcknowledgement {
  /** the acknowledged IDoc: its DOCNUM and message type as the sender wrote them (unknown for unreadable XML) */
  docnum?: string;
  messageType?: string;
  status: IdocStatus;
  /** e.g. "accepted: 3 movements" or the error code and message */
  text: string;
  /** the error code (IDOC.MALFORMED_XML ...) for status 51 */
  code?: string;
  /** our reference: the raw document's id */
  documentId: string;
}

/** SAP's status text field STATXT holds 70 characters; the rest goes into the parameters STAPA1..4 (50 each). */
function statusTexts(text: string): Array<readonly [string, string | undefined]> {
  const chars = [...text];
  const rest = chars.slice(70).join('');
  return [
    ['STATXT', chars.slice(0, 70).join('')],
    ...[0, 1, 2, 3].map((n) => [`STAPA${n + 1}`, rest.slice(n * 50, (n + 1) * 50) || undefined] as const),
  ];
}

/**
 * ALEAUD01: E1ADHDR (message type of the acknowledged IDoc) > E1STATE (its DOCNUM, STATUS 53/51, STATYP S/E,
 * STATXT + STAPA1..4, STACOD = our error code) > E1PRTOB (OBJKEY = our raw document id), as SAP's ALE audit
 * (transaction BDM8 / report RBDSTATE) writes and reads it.
 */
export function aleaudXml(ack: IdocAcknowledgement, control: OutboundControl): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ALEAUD01>
  <IDOC BEGIN="1">
${controlRecord('ALEAUD01', 'ALEAUD', control)}
    <E1ADHDR SEGMENT="1">
${fields([['MESTYP', ack.messageType ?? '']], '      ')}
      <E1STATE SEGMENT="1">
${fields(
  [
    ['DOCNUM', ack.docnum ?? ''],
    ['STATUS', ack.status],
    ['STACOD', ack.code],
    ...statusTexts(ack.text),
    ['STATYP', ack.status === '53' ? 'S' : 'E'],
  ],
  '        ',
)}
        <E1PRTOB SEGMENT="1">
${fields(
  [
    ['DOCNUM', ack.docnum ?? ''],
    ['OBJTYPE', 'LOTBRIDGE'],
    ['OBJKEY', ack.documentId],
  ],
  '          ',
)}
        </E1PRTOB>
      </E1STATE>
    </E1ADHDR>
  </IDOC>
</ALEAUD01>
`;
}

/** A lot status change as SAP's batch knows it: restricted (blocked for use) or unrestricted. */
export interface BatchStatusUpdate {
  material: string;
  batch: string;
  restricted: boolean;
}

/** SAP's MATERIAL field holds 18 characters; longer material numbers (S/4HANA) go to MATERIAL_LONG. */
function materialFields(material: string): Fields {
  return material.length > 18 ? [['MATERIAL_LONG', material]] : [['MATERIAL', material]];
}

/**
 * BATMAS03 batch status update: E1BATMAS (MATERIAL or MATERIAL_LONG, BATCH) > E1BPBATCHSTATUS RESTRICTED "X" or ""
 * with E1BPBATCHSTATUSX RESTRICTED "X" (the change flag: only this field is updated, BAPI_BATCH_SAVE_REPLICA's
 * convention). RESTRICTED is the batch's ZUSTD (restricted-use stock), which SAP availability checks respect.
 */
export function batchStatusXml(update: BatchStatusUpdate, control: OutboundControl): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<BATMAS03>
  <IDOC BEGIN="1">
${controlRecord('BATMAS03', 'BATMAS', control)}
    <E1BATMAS SEGMENT="1">
${fields([...materialFields(update.material), ['BATCH', update.batch]], '      ')}
      <E1BPBATCHSTATUS SEGMENT="1">
${fields([['RESTRICTED', update.restricted ? 'X' : '']], '        ')}
      </E1BPBATCHSTATUS>
      <E1BPBATCHSTATUSX SEGMENT="1">
${fields([['RESTRICTED', 'X']], '        ')}
      </E1BPBATCHSTATUSX>
    </E1BATMAS>
  </IDOC>
</BATMAS03>
`;
}

/** Quality statuses that block the batch in SAP; "released" unblocks it. */
export function isRestrictingStatus(status: string): boolean {
  return status.toUpperCase() !== 'RELEASED';
}
