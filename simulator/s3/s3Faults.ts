/**
 * The simulator-side answer to S3's fault questions: the call is attributed to the account its
 * key acts for (a key minted by AssumeRole, else the hub), its faults are decided by the same
 * `decideFault` as every other service's, and it is counted. S3's own error answers (NoSuchKey…)
 * are s3rver's and not seen here, so for S3 `errors` counts injected 5xx and cut bodies only.
 */
import { decideFault, type FaultDecision } from '../faults/decide.js';
import type { SimState } from '../state.js';
import type { S3FaultQuery } from './faultBridge.js';

/** Decides and counts one S3 request's faults. */
export function decideS3Fault(state: SimState, query: S3FaultQuery): FaultDecision {
  const accountId = state.credentials.accountOf(query.accessKeyId);
  const decision = decideFault(state, {
    accountId,
    region: query.region,
    service: 's3',
    operation: query.operation,
  });
  const outcome = decision.cutBody ? 'error' : decision.outcome;
  state.counters.record(accountId, query.region, query.operation, outcome);
  return decision;
}
