import type { Gs1CharacterSet } from './ai-types';

/**
 * GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1), the set of AI (10) batch and
 * AI (21) serial: ! " % & ' ( ) * + , - . / 0-9 : ; < = > ? A-Z _ a-z. No space, no # $ @ [ \ ] ^ ` { | } ~.
 */
export const CSET_82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
/** GS1 AI encodable character set 39: # - / 0-9 A-Z. */
export const CSET_39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** GS1 AI encodable character set 64 (file-safe / URI-safe base64): A-Z a-z 0-9 - _ , with "=" padding at the end. */
export const CSET_64 = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

const SETS: Record<Gs1CharacterSet, ReadonlySet<string>> = {
  N: new Set('0123456789'),
  X: new Set(CSET_82),
  Y: new Set(CSET_39),
  Z: new Set(CSET_64),
};

export const CHARACTER_SET_NAMES: Record<Gs1CharacterSet, string> = {
  N: 'a digit',
  X: 'in GS1 CSET 82',
  Y: 'in GS1 CSET 39',
  Z: 'in GS1 CSET 64',
};

/** Index of the first character of `value` outside the set, or -1 when all are in it. */
export function firstCharacterOutside(value: string, cset: Gs1CharacterSet): number {
  const set = SETS[cset];
  let end = value.length;
  if (cset === 'Z') {
    // base64 padding: up to two "=" at the very end
    for (let pads = 0; pads < 2 && end > 0 && value.charAt(end - 1) === '='; pads++) end--;
  }
  for (let i = 0; i < end; i++) if (!set.has(value.charAt(i))) return i;
  return -1;
}

/** True when every character of `value` is in GS1 CSET 82 (what AI 10 batch / lot numbers may contain). */
export function isCset82(value: string): boolean {
  return firstCharacterOutside(value, 'X') === -1;
}
