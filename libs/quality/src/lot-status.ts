/**
 * The quality status of a lot as everyone else sees it (lot.status.v1, POST /lots/statuses). Only a released lot
 * may be allocated or shipped; a lot with no status at all (quality has never heard of it) is not allocatable either.
 */
export type LotStatus = 'quarantine' | 'released' | 'rejected' | 'on-hold' | 'recalled' | 'expired';

export const LOT_STATUSES: readonly LotStatus[] = ['quarantine', 'released', 'rejected', 'on-hold', 'recalled', 'expired'];

/**
 * Quality's own decision about the material, independent of holds: a hold blocks a released lot without
 * forgetting that it was released, so releasing the hold gives it back its disposition.
 */
export type Disposition = 'quarantine' | 'released' | 'rejected' | 'expired';

/**
 * What quality knows of one lot. `disposition` is null until the lot first arrives (or is first held);
 * `holds` and `recalls` count the active holds of each kind (a lot can be held for several reasons at once).
 */
export interface LotQualityState {
  disposition: Disposition | null;
  holds: number;
  recalls: number;
}

export const UNKNOWN_LOT: LotQualityState = { disposition: null, holds: 0, recalls: 0 };

/** Recalled beats on hold beats the disposition: the strongest block is what others must see. */
export function statusOf(state: LotQualityState): LotStatus | null {
  if (state.recalls > 0) return 'recalled';
  if (state.holds > 0) return 'on-hold';
  return state.disposition;
}

/** Any active hold, a recall included. */
export function isOnHold(state: LotQualityState): boolean {
  return state.holds + state.recalls > 0;
}

export function isAllocatable(state: LotQualityState): boolean {
  return statusOf(state) === 'released';
}
