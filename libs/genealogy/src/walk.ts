import { GenealogyIndex } from './genealogy-index';
import { compareText } from './lot-key';
import { sortedLots } from './lot-view';

export type Direction = 'forward' | 'backward';

/** One lot reached by a walk: how far from the start, and through which neighbour and transformation. */
export interface Visit {
  lot: number;
  depth: number;
  via?: { lot: number; transformation: number };
}

/**
 * Breadth-first over lot -> transformation -> lot, level by level, from one or more start lots (depth 0).
 *
 * Why level by level: the answer must not depend on the order movements arrived in (which decides the order of
 * the adjacency lists). Each level is sorted by lot key and expanded in that order, so a lot reachable from
 * several lots of the previous level is credited to the smallest key, and through the smallest transformation id
 * among that lot's transformations. A transformation is expanded once: whoever reaches it first at the lowest
 * level already has the smallest key. Visited sets make cycles in bad data harmless.
 */
export function walk(index: GenealogyIndex, starts: readonly number[], direction: Direction): Visit[] {
  const edges = direction === 'forward' ? index.consumedIn : index.producedBy;
  const visited = new Set<number>();
  const expanded = new Set<number>();
  const visits: Visit[] = [];
  const byKey = (lots: Iterable<number>): number[] => sortedLots(index, lots);
  const transformationId = (transformation: number): string => index.transformation(transformation).id;

  let frontier = byKey(new Set(starts));
  for (const lot of frontier) {
    visited.add(lot);
    visits.push({ lot, depth: 0 });
  }
  for (let depth = 1; frontier.length > 0; depth++) {
    const found = new Map<number, Visit & { via: { lot: number; transformation: number } }>();
    for (const lot of frontier) {
      for (const transformation of edges[lot] ?? []) {
        if (expanded.has(transformation)) continue;
        expanded.add(transformation);
        const record = index.transformation(transformation);
        for (const next of direction === 'forward' ? record.outputLots : record.inputLots) {
          if (visited.has(next)) continue;
          const seen = found.get(next);
          if (seen === undefined) found.set(next, { lot: next, depth, via: { lot, transformation } });
          else if (seen.via.lot === lot && compareText(transformationId(transformation), transformationId(seen.via.transformation)) < 0) {
            seen.via = { lot, transformation };
          }
        }
      }
    }
    frontier = byKey(found.keys());
    for (const lot of frontier) {
      visited.add(lot);
      visits.push(found.get(lot) as Visit);
    }
  }
  return visits;
}

/** Lot keys from a start to each visited lot, both ends included; visits come parents first. */
export function pathsOf(index: GenealogyIndex, visits: readonly Visit[]): Map<number, string[]> {
  const paths = new Map<number, string[]>();
  for (const visit of visits) {
    const before = visit.via === undefined ? [] : (paths.get(visit.via.lot) ?? []);
    paths.set(visit.lot, [...before, index.lotKeyOf(visit.lot)]);
  }
  return paths;
}

/** Plain reachability without the bookkeeping of `walk`, for whole-genealogy reports. */
export function reachable(index: GenealogyIndex, starts: Iterable<number>, direction: Direction): Set<number> {
  const edges = direction === 'forward' ? index.consumedIn : index.producedBy;
  const seen = new Set<number>(starts);
  const expanded = new Set<number>();
  const stack = [...seen];
  for (let lot = stack.pop(); lot !== undefined; lot = stack.pop()) {
    for (const transformation of edges[lot] ?? []) {
      if (expanded.has(transformation)) continue;
      expanded.add(transformation);
      const record = index.transformation(transformation);
      for (const next of direction === 'forward' ? record.outputLots : record.inputLots) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
  }
  return seen;
}
