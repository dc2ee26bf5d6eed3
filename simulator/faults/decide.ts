/**
 * The fault decision for one call, shared by every service (the JSON and query services in the
 * server, S3 over IPC from its child process), so a fault rule means the same everywhere: resolve
 * the scoped faults, draw the jitter, take a rate-limit token, draw the 5xx share and (S3
 * GetObject only) the cut-body share. Each service turns the outcome into its own error.
 */
import { performance } from 'node:perf_hooks';
import type { CallOutcome } from '../counters.js';
import type { SimState } from '../state.js';
import type { FaultCall } from './faults.js';

/** What the faults do to one call. */
export interface FaultDecision {
  /** Milliseconds to wait before answering (latency plus jitter; errors wait too). */
  delayMs: number;
  /** `throttled`: answer the service's throttling error; `error`: one of its 5xx; `ok`: serve it. */
  outcome: CallOutcome;
  /** For `error`: a uniform draw in [0, 1) choosing the 5xx (below 0.5 the 500, else the 503). */
  errorDraw?: number;
  /** For an `ok` S3 GetObject: send half the body, then close the connection. */
  cutBody?: boolean;
}

/** Operations whose answer body can be cut (`cutBodyRate`). */
const CUTTABLE = new Set(['s3|GetObject']);

/** Decides the faults of one call (draws advance, a token is taken: call once per call). */
export function decideFault(state: SimState, call: FaultCall): FaultDecision {
  const fault = state.faults.resolve(call);
  const key = `${call.accountId}|${call.region}|${call.operation}`;
  const delayMs =
    fault.latencyMs + (fault.jitterMs > 0 ? state.faults.draw(`${key}|jitter`) * fault.jitterMs : 0);
  if (fault.rateLimit && !state.faults.take(fault.rateLimit, performance.now())) {
    return { delayMs, outcome: 'throttled' };
  }
  if (fault.errorRate > 0 && state.faults.draw(`${key}|error`) < fault.errorRate) {
    return { delayMs, outcome: 'error', errorDraw: state.faults.draw(`${key}|kind`) };
  }
  if (
    fault.cutBodyRate > 0 &&
    CUTTABLE.has(`${call.service}|${call.operation}`) &&
    state.faults.draw(`${key}|cut`) < fault.cutBodyRate
  ) {
    return { delayMs, outcome: 'ok', cutBody: true };
  }
  return { delayMs, outcome: 'ok' };
}
