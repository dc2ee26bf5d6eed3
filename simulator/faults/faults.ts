/**
 * Fault injection: latency, token-bucket rate limits, a share of 5xx answers and (S3) of cut
 * bodies, per scope.
 *
 * - Scopes match on account, region, service and operation (omitted = any). For each fault field
 *   the most specific matching scope that sets it wins (account > region > operation > service;
 *   on a tie the scope set last wins).
 * - Rate-limit buckets always exist per (account, region): a rate limit from a scope WITHOUT an
 *   operation is one bucket shared by all of that service's operations (as AWS throttles Config
 *   per account-region); a scope WITH an operation gets its own bucket for that operation.
 * - Random choices (jitter, which calls fail) are drawn from hash(seed, account, region,
 *   operation, n-th call), so a run with the same seed and call order injects the same faults.
 */
import { hashString, unitFromHash } from '../org/prng.js';
import type { FaultScope, FaultSpec } from '../types.js';

/** The call a fault is resolved for. */
export interface FaultCall {
  accountId: string;
  region: string;
  service: string;
  operation: string;
}

/** The faults that apply to one call. */
export interface ResolvedFault {
  latencyMs: number;
  jitterMs: number;
  errorRate: number;
  cutBodyRate: number;
  rateLimit?: { rps: number; burst: number; bucketKey: string };
}

interface Entry {
  scope: FaultScope;
  spec: FaultSpec;
  specificity: number;
  order: number;
}

interface Bucket {
  tokens: number;
  last: number;
  rps: number;
  burst: number;
}

function specificity(scope: FaultScope): number {
  return (
    (scope.accountId ? 8 : 0) + (scope.region ? 4 : 0) + (scope.operation ? 2 : 0) + (scope.service ? 1 : 0)
  );
}

function matches(scope: FaultScope, call: FaultCall): boolean {
  return (
    (scope.accountId === undefined || scope.accountId === call.accountId) &&
    (scope.region === undefined || scope.region === call.region) &&
    (scope.service === undefined || scope.service === call.service) &&
    (scope.operation === undefined || scope.operation === call.operation)
  );
}

/** Holds the fault table and the rate-limit buckets. */
export class FaultRegistry {
  #entries: Entry[] = [];
  #order = 0;
  readonly #buckets = new Map<string, Bucket>();
  readonly #draws = new Map<string, number>();
  readonly #seed: number;

  constructor(seed: number) {
    this.#seed = seed;
  }

  /** Sets (replaces) the faults of a scope. An empty spec removes the scope. */
  set(scope: FaultScope, spec: FaultSpec): void {
    const key = scopeKey(scope);
    this.#entries = this.#entries.filter((e) => scopeKey(e.scope) !== key);
    if (Object.keys(spec).length > 0) {
      this.#entries.push({
        scope: { ...scope },
        spec: { ...spec },
        specificity: specificity(scope),
        order: this.#order++,
      });
      this.#entries.sort((a, b) => b.specificity - a.specificity || b.order - a.order);
    }
  }

  /** Removes every fault and bucket. */
  clear(): void {
    this.#entries = [];
    this.#buckets.clear();
  }

  /** The faults for a call. `#entries` is kept sorted, so the first match per field wins. */
  resolve(call: FaultCall): ResolvedFault {
    const out: ResolvedFault = { latencyMs: 0, jitterMs: 0, errorRate: 0, cutBodyRate: 0 };
    let latency = false;
    let jitter = false;
    let errors = false;
    let cuts = false;
    for (const { scope, spec } of this.#entries) {
      if (!matches(scope, call)) continue;
      if (!latency && spec.latencyMs !== undefined) {
        out.latencyMs = spec.latencyMs;
        latency = true;
      }
      if (!jitter && spec.jitterMs !== undefined) {
        out.jitterMs = spec.jitterMs;
        jitter = true;
      }
      if (!errors && spec.errorRate !== undefined) {
        out.errorRate = spec.errorRate;
        errors = true;
      }
      if (!cuts && spec.cutBodyRate !== undefined) {
        out.cutBodyRate = spec.cutBodyRate;
        cuts = true;
      }
      if (!out.rateLimit && spec.rateLimit) {
        const unit = scope.operation ? `op:${call.operation}` : `svc:${call.service}`;
        out.rateLimit = { ...spec.rateLimit, bucketKey: `${call.accountId}|${call.region}|${unit}` };
      }
    }
    return out;
  }

  /** Takes one token from the call's bucket; false means "throttle this call". */
  take(limit: { rps: number; burst: number; bucketKey: string }, nowMs: number): boolean {
    let bucket = this.#buckets.get(limit.bucketKey);
    if (!bucket || bucket.rps !== limit.rps || bucket.burst !== limit.burst) {
      bucket = {
        tokens: Math.max(1, limit.burst),
        last: nowMs,
        rps: limit.rps,
        burst: Math.max(1, limit.burst),
      };
      this.#buckets.set(limit.bucketKey, bucket);
    }
    bucket.tokens = Math.min(bucket.burst, bucket.tokens + ((nowMs - bucket.last) / 1000) * bucket.rps);
    bucket.last = nowMs;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** A deterministic uniform draw in [0, 1) for the n-th use of `key` (e.g. `acct|region|op|jitter`). */
  draw(key: string): number {
    const n = (this.#draws.get(key) ?? 0) + 1;
    this.#draws.set(key, n);
    return unitFromHash(hashString(`${key}#${n}`, this.#seed));
  }
}

function scopeKey(scope: FaultScope): string {
  return `${scope.accountId ?? '*'}|${scope.region ?? '*'}|${scope.service ?? '*'}|${scope.operation ?? '*'}`;
}
