/** How a caller sees one account-region's Config data, after run-time faults. */
import { emptyRegion, type SimRegionData } from '../org/model.js';
import type { CallContext } from './context.js';

/**
 * Region data as the caller sees it. Where Config has no recorder the region reads as never set
 * up: no rules, no results, no recorded resources (rules cannot exist without a recorder).
 */
export function visibleRegion(ctx: CallContext): SimRegionData {
  const { state, principal, region } = ctx;
  if (state.recorderState(principal.accountId, region) === 'none') return emptyRegion('none');
  return state.regionData(principal.accountId, region);
}
