import { AI_TABLE } from './ai-table';
import type { AiDefinition, AiTableRow } from './ai-types';

/** Every AI of the table, ranges expanded (`3100-3105` gives 3100, 3101 ... 3105). */
export function expandAiTable(rows: readonly AiTableRow[]): Map<string, AiDefinition> {
  const byAi = new Map<string, AiDefinition>();
  for (const row of rows) {
    const { ais, ...definition } = row;
    const [first, last = first] = ais.split('-') as [string, string?];
    const minLength = row.components.reduce((sum, c) => sum + (c.optional ? 0 : c.min), 0);
    const maxLength = row.components.reduce((sum, c) => sum + c.max, 0);
    for (let n = Number(first); n <= Number(last); n++) {
      const ai = String(n).padStart(first.length, '0');
      byAi.set(ai, { ...definition, ai, minLength, maxLength });
    }
  }
  return byAi;
}

const AIS = expandAiTable(AI_TABLE);

/** The definition of one AI, or undefined when the syntax dictionary does not know it. */
export function lookupAi(ai: string): AiDefinition | undefined {
  return AIS.get(ai);
}

/** All known AIs, in the dictionary's (lexical) order. */
export function knownAis(): string[] {
  return [...AIS.keys()];
}

/**
 * The AI at the start of `data` (GS1 AIs are prefix-free: no AI is the start of another, so at most one of the
 * 2, 3 and 4 digit candidates is known).
 */
export function aiAtStart(data: string, from = 0): AiDefinition | undefined {
  for (let length = 2; length <= 4; length++) {
    const candidate = data.slice(from, from + length);
    if (candidate.length < length || !/^\d+$/.test(candidate)) return undefined;
    const definition = AIS.get(candidate);
    if (definition) return definition;
  }
  return undefined;
}

/** True when some known AI starts with `digits` (so more input could still make a known AI). */
export function isAiPrefix(digits: string): boolean {
  if (!/^\d{1,3}$/.test(digits)) return false;
  for (const ai of AIS.keys()) if (ai.startsWith(digits)) return true;
  return false;
}
