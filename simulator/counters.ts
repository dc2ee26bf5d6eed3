/**
 * Per-operation call counters, also kept per (account, region) so benchmarks can check the call
 * budget of one account-region against its rate limit.
 */
import type { OperationCounters } from './types.js';

/** What happened to one call. */
export type CallOutcome = 'ok' | 'throttled' | 'error';

/** Counter filter: omitted fields match everything. */
export interface CounterScope {
  accountId?: string;
  region?: string;
}

/** Accumulates counters. */
export class Counters {
  /** key `account|region|operation` → counters. */
  #byKey = new Map<string, OperationCounters>();

  /** Records one call. */
  record(accountId: string, region: string, operation: string, outcome: CallOutcome): void {
    const key = `${accountId}|${region}|${operation}`;
    let c = this.#byKey.get(key);
    if (!c) {
      c = { calls: 0, throttled: 0, errors: 0 };
      this.#byKey.set(key, c);
    }
    c.calls += 1;
    if (outcome === 'throttled') c.throttled += 1;
    else if (outcome === 'error') c.errors += 1;
  }

  /** Totals per operation, optionally only for an account and/or region. */
  byOperation(scope: CounterScope = {}): Record<string, OperationCounters> {
    const out: Record<string, OperationCounters> = {};
    for (const [key, c] of this.#byKey) {
      const [accountId, region, operation] = key.split('|') as [string, string, string];
      if (scope.accountId !== undefined && scope.accountId !== accountId) continue;
      if (scope.region !== undefined && scope.region !== region) continue;
      const total = out[operation] ?? { calls: 0, throttled: 0, errors: 0 };
      out[operation] = total;
      total.calls += c.calls;
      total.throttled += c.throttled;
      total.errors += c.errors;
    }
    return out;
  }

  /** Clears everything. */
  reset(): void {
    this.#byKey = new Map();
  }
}
