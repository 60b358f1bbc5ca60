import { IdocRejected, missingField, rejectAt, type IdocLocation } from './idoc-errors';
import type { XmlElement } from './idoc-xml';

/**
 * Reading segments and fields of any IDoc type from the element tree of idoc-xml.ts. Each helper names the
 * segment (and item) so that every error says where the problem is.
 */

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** A segment that may occur at most once; undefined when absent. */
export function optionalSegment(parent: XmlElement, name: string, where: IdocLocation): XmlElement | undefined {
  const found = childrenNamed(parent, name);
  if (found.length > 1) {
    throw rejectAt('IDOC.INVALID_STRUCTURE', where, `segment ${name} occurs ${found.length} times, expected at most once`);
  }
  return found[0];
}

export function requiredSegment(parent: XmlElement, name: string, where: IdocLocation, what: string): XmlElement {
  const segment = optionalSegment(parent, name, where);
  if (!segment) throw rejectAt('IDOC.MISSING_FIELD', where, `${name} ${what} is missing`);
  return segment;
}

export type FieldReader = (name: string) => string | undefined;

/** Returns a reader of the fields (leaf elements) of one segment. */
export function fieldsOf(segment: XmlElement | undefined, where: IdocLocation): FieldReader {
  return (name) => {
    if (!segment) return undefined;
    const found = childrenNamed(segment, name);
    const at = { ...where, field: name };
    if (found.length > 1) throw rejectAt('IDOC.INVALID_STRUCTURE', at, `field ${name} occurs ${found.length} times`);
    const field = found[0];
    if (field && field.children.length > 0) throw rejectAt('IDOC.INVALID_STRUCTURE', at, `${name} has child elements, expected a plain value`);
    return field?.text;
  };
}

export function requiredField(read: FieldReader, where: IdocLocation, name: string): string {
  const value = read(name);
  if (value === undefined || value === '') throw missingField({ ...where, field: name });
  return value;
}

/** The first non-empty value among fields that mean the same (a BAPI name and its table-field alias). */
export function firstOf(read: FieldReader, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = read(name);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** The one IDOC element of a document (a packet of several is refused: split it first). */
export function singleIdoc(root: XmlElement, unsupported: () => IdocRejected): XmlElement {
  const idocs = childrenNamed(root, 'IDOC');
  const [idoc, ...moreIdocs] = idocs;
  if (idoc === undefined) {
    throw unsupported();
  }
  if (moreIdocs.length > 0) {
    const text = `contains ${idocs.length} IDOC elements; one IDoc per document is supported (split the packet first)`;
    throw rejectAt('IDOC.INVALID_STRUCTURE', { segment: root.name }, text);
  }
  return idoc;
}
