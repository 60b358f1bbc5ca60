import type { XmlElement } from './xml-document';

/**
 * Small, explicit look-ups over an XmlElement tree. A `namespace` argument of undefined matches any namespace
 * (GS1 XML's inner elements are unqualified, but some senders qualify them); a string matches exactly.
 */

function matches(element: XmlElement, name: string, namespace: string | undefined): boolean {
  return element.name === name && (namespace === undefined || element.namespace === namespace);
}

/** The direct children called `name`, in document order. */
export function childrenNamed(parent: XmlElement, name: string, namespace?: string): XmlElement[] {
  return parent.children.filter((child) => matches(child, name, namespace));
}

/** The first direct child called `name`, if any. */
export function childNamed(parent: XmlElement, name: string, namespace?: string): XmlElement | undefined {
  return parent.children.find((child) => matches(child, name, namespace));
}

/** Follows a path of direct children (first match at each step). */
export function pathOf(parent: XmlElement | undefined, path: readonly string[], namespace?: string): XmlElement | undefined {
  let current = parent;
  for (const name of path) {
    if (current === undefined) return undefined;
    current = childNamed(current, name, namespace);
  }
  return current;
}

/** The text of the leaf at `path`, exactly as written; undefined when absent. */
export function textAt(parent: XmlElement | undefined, path: readonly string[], namespace?: string): string | undefined {
  const element = pathOf(parent, path, namespace);
  return element === undefined || element.children.length > 0 ? undefined : element.text;
}

/** The first element, depth first and the root included, called `name` (in `namespace` when given). */
export function findFirst(root: XmlElement, name: string, namespace?: string): XmlElement | undefined {
  if (matches(root, name, namespace)) return root;
  for (const child of root.children) {
    const found = findFirst(child, name, namespace);
    if (found) return found;
  }
  return undefined;
}

/** "{urn:...}despatchAdvice": how messages name an element whose namespace matters. */
export function qualifiedName(element: XmlElement): string {
  return element.namespace ? `{${element.namespace}}${element.name}` : element.name;
}
