/**
 * Builds an inbound delivery IDoc (DESADV DELVRY07, delivery type EL) as SAP writes it in IDoc-XML, for tests
 * that need their own document numbers and batches. Text is XML-escaped as any correct writer would.
 */
export interface InboundDeliveryItem {
  posnr: string;
  matnr: string;
  charg?: string;
  lfimg: string;
  vrkme?: string;
  werks?: string;
  lgort?: string;
  /** YYYYMMDD */
  vfdat?: string;
}

export interface InboundDelivery {
  docnum: string;
  vbeln: string;
  sender?: string;
  vendor?: string;
  items: InboundDeliveryItem[];
}

export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const field = (name: string, value: string | undefined) => (value === undefined ? '' : `\n            <${name}>${xmlText(value)}</${name}>`);

export function inboundDeliveryIdoc(delivery: InboundDelivery): string {
  const items = delivery.items
    .map(
      (item) => `
         <E1EDL24 SEGMENT="1">${field('POSNR', item.posnr)}${field('MATNR', item.matnr)}${field('WERKS', item.werks ?? 'DE01')}${field('LGORT', item.lgort ?? 'MAIN')}${field('CHARG', item.charg)}${field('LFIMG', item.lfimg)}${field('VRKME', item.vrkme ?? 'KGM')}${field('VFDAT', item.vfdat ?? '00000000')}
         </E1EDL24>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<DELVRY07>
   <IDOC BEGIN="1">
      <EDI_DC40 SEGMENT="1">
         <TABNAM>EDI_DC40</TABNAM>
         <DOCNUM>${xmlText(delivery.docnum)}</DOCNUM>
         <IDOCTYP>DELVRY07</IDOCTYP>
         <MESTYP>DESADV</MESTYP>
         <SNDPOR>SAPQS1</SNDPOR>
         <SNDPRT>LS</SNDPRT>
         <SNDPRN>${xmlText(delivery.sender ?? 'QS1CLNT400')}</SNDPRN>
         <CREDAT>20250312</CREDAT>
         <CRETIM>081530</CRETIM>
      </EDI_DC40>
      <E1EDL20 SEGMENT="1">
         <VBELN>${xmlText(delivery.vbeln)}</VBELN>
         <E1EDL21 SEGMENT="1">
            <LFART>EL</LFART>
         </E1EDL21>
         <E1ADRM1 SEGMENT="1">
            <PARTNER_Q>LF</PARTNER_Q>
            <PARTNER_ID>${xmlText(delivery.vendor ?? '0000100234')}</PARTNER_ID>
         </E1ADRM1>${items}
      </E1EDL20>
   </IDOC>
</DELVRY07>
`;
}
