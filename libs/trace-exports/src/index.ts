export { toEpcisDocument, EPCIS_CONTEXT } from './epcis';
export type { EpcisDocument, EpcisEvent, EpcisExport, EpcisObjectEvent, EpcisQuantity, EpcisTransformationEvent } from './epcis';
export { FSMA_204_COLUMNS, fsma204Csv, fsma204Rows, fsma204Xlsx } from './fsma-204';
export type { Fsma204Column, Fsma204Export, Fsma204Row } from './fsma-204';
export { criticalTrackingEvents } from './critical-tracking-events';
export type { ClassifiedMovements, CriticalTrackingEvent, ReceivingEvent, ShippingEvent, TransformationEvent, TransformedLot } from './critical-tracking-events';
export type { ExportProblem, ExportProblemCode, SkippedMovement } from './export-problem';
export type { ExportMasterData } from './master-data';
