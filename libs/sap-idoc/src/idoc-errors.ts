/**
 * Why an IDoc was refused. The code is stable (callers branch on it, dead-letter queues group by it);
 * the message is for people and names the segment, item and field, e.g.
 * `E1EDL24 item 000020: LFIMG "5,0" is not a decimal`.
 */
export type IdocErrorCode =
  | 'IDOC.TOO_LARGE'
  | 'IDOC.DOCTYPE_FORBIDDEN'
  | 'IDOC.UNSUPPORTED_ENCODING'
  | 'IDOC.MALFORMED_XML'
  | 'IDOC.UNSUPPORTED_TYPE'
  /** the XML is well-formed but not shaped like one delivery IDoc (two IDOCs, two E1EDL20, mixed content ...) */
  | 'IDOC.INVALID_STRUCTURE'
  | 'IDOC.MISSING_FIELD'
  | 'IDOC.INVALID_FIELD'
  /** neither LFART nor MESCOD says whether goods come in, go out or come back */
  | 'IDOC.UNKNOWN_DIRECTION'
  /** a mapped movement fails the domain's movementProblems() */
  | 'IDOC.INVALID_MOVEMENT'
  /** a goods movement type (MOVE_TYPE/BWART) that is not in movement-type-table.ts */
  | 'IDOC.UNSUPPORTED_MOVEMENT_TYPE';

/** Where in the IDoc the problem is: a segment, optionally one item (E1EDL24 POSNR) and one field. */
export interface IdocLocation {
  segment: string;
  item?: string;
  field?: string;
}

export class IdocRejected extends Error {
  override readonly name = 'IdocRejected';

  constructor(
    readonly code: IdocErrorCode,
    message: string,
    readonly location?: IdocLocation,
  ) {
    super(message);
  }
}

/** "E1EDL24 item 000020: <text>" / "E1EDL20: <text>" */
export function rejectAt(code: IdocErrorCode, location: IdocLocation, text: string): IdocRejected {
  const where = location.item === undefined ? location.segment : `${location.segment} item ${location.item}`;
  return new IdocRejected(code, `${where}: ${text}`, location);
}

export function missingField(location: IdocLocation & { field: string }, why?: string): IdocRejected {
  return rejectAt('IDOC.MISSING_FIELD', location, `${location.field} is missing${why ? ` (${why})` : ''}`);
}

/** `LFIMG "5,0" is not a decimal`: the value is quoted exactly as received (JSON quoting shows spaces and controls). */
export function invalidField(location: IdocLocation & { field: string }, value: string, problem: string): IdocRejected {
  return rejectAt('IDOC.INVALID_FIELD', location, `${location.field} ${JSON.stringify(value)} ${problem}`);
}
