/**
 * Shapes of the Application Identifier table. The table itself (ai-table.ts) is generated from the
 * GS1 Barcode Syntax Dictionary and checked against it by ai-table.spec.ts.
 */

/** Character sets of the GS1 Barcode Syntax Dictionary: N digits, X CSET 82, Y CSET 39, Z CSET 64 (base64url). */
export type Gs1CharacterSet = 'N' | 'X' | 'Y' | 'Z';

/** One component of an AI's data field, e.g. `N13,csum` or `[X..17]`. */
export interface AiComponent {
  readonly cset: Gs1CharacterSet;
  readonly min: number;
  readonly max: number;
  /** `[...]` in the dictionary: may be left off once the data is exhausted. */
  readonly optional: boolean;
  /** Names of the dictionary's linters (content checks) for this component, e.g. `csum`, `yymmd0`. */
  readonly linters: readonly string[];
}

/** One line of the syntax dictionary: a single AI or a range of AIs (`3100-3105`) sharing one definition. */
export interface AiTableRow {
  /** The AI (`01`) or the inclusive range (`3100-3105`). */
  readonly ais: string;
  /**
   * True when an FNC1 / GS separator must follow the element if another element follows it.
   * False for the AIs with a predefined length (flag `*` in the dictionary, GS1 General Specifications
   * figure "Element strings with predefined length using GS1 Application Identifiers").
   */
  readonly fnc1: boolean;
  /** Flag `?`: permitted as a GS1 Digital Link data attribute (query parameter). */
  readonly dlAttribute: boolean;
  readonly components: readonly AiComponent[];
  /**
   * `dlpkey` attribute: the AI is a Digital Link primary key; each entry is one alternative ordered
   * sequence of key qualifiers (`[]` when it takes none). Absent when the AI is not a primary key.
   */
  readonly dlPrimaryKey?: readonly (readonly string[])[];
  /** `req=` attributes as written (each one a list of alternatives, e.g. `01+21,02`). */
  readonly req?: readonly string[];
  /** `ex=` attributes as written. */
  readonly ex?: readonly string[];
  readonly title: string;
}

/** A single AI with its definition (a table row expanded to one AI). */
export interface AiDefinition extends Omit<AiTableRow, 'ais'> {
  readonly ai: string;
  /** Shortest and longest data field that the components allow. */
  readonly minLength: number;
  readonly maxLength: number;
}
