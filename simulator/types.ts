/**
 * The in-process API of the AWS simulator (contract shared by the simulator and every test,
 * benchmark and the demo). The simulator serves STS, Config and Organizations on one loopback
 * port and runs a real S3-compatible server beside it.
 */

/** Compliance types as the simulator holds them (INSUFFICIENT_DATA never appears in evaluations). */
export type SimComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';

/** One evaluation the simulator holds: the ground truth a collector must reproduce. */
export interface SimEvaluation {
  accountId: string;
  region: string;
  ruleName: string;
  resourceType: string;
  resourceId: string;
  complianceType: SimComplianceType;
  annotation?: string;
  /** Epoch milliseconds. */
  resultRecordedTime: number;
  configRuleInvokedTime: number;
  /** All tags of the evaluated resource (not only `mox.*`). */
  resourceTags: Record<string, string>;
}

/** Faults for a scope. Omitted fields mean "no fault". Scope matching: most specific wins. */
export interface FaultSpec {
  /** Added to every matching call: fixed milliseconds plus uniform jitter in [0, jitterMs). */
  latencyMs?: number;
  jitterMs?: number;
  /** Token bucket per (account, region, operation): sustained requests per second and burst. */
  rateLimit?: { rps: number; burst: number };
  /** Share (0..1) of matching calls answered with a 5xx (InternalFailure / ServiceUnavailable). */
  errorRate?: number;
}

/** Where a fault applies; omitted fields match everything. */
export interface FaultScope {
  accountId?: string;
  region?: string;
  /** Operation name, e.g. `GetComplianceDetailsByConfigRule`, `AssumeRole`. */
  operation?: string;
}

/** Per-operation counters. */
export interface OperationCounters {
  calls: number;
  throttled: number;
  errors: number;
}

/** Options for `startSimulator`. */
export interface SimulatorOptions {
  /** Synthetic org size (accounts) and seed, or a fixture file path / object. */
  accounts?: number;
  seed?: number;
  regions?: string[];
  rulesPerRegion?: number;
  /** Approximate resources per account-region. */
  resourcesPerRegion?: number;
  fixture?: string | object;
  /** Global fault defaults applied to every call. */
  faults?: FaultSpec;
  /** Accounts whose `configreport-read-role` (or any role) cannot be assumed. */
  deniedAccounts?: string[];
  /** Account-regions where Config has no recorder: `"<account>"` or `"<account>:<region>"`. */
  configDisabled?: string[];
  /** Account-regions whose recorder exists but is stopped. */
  recorderStopped?: string[];
  /** Fixed port (default: ephemeral). Always bound to 127.0.0.1. */
  port?: number;
  /** Start the S3-compatible server too (default true), with this bucket created. */
  s3?: boolean;
  bucket?: string;
}

/** A running simulator. */
export interface RunningSimulator {
  /** `http://127.0.0.1:<port>` serving STS, Config and Organizations. */
  endpoint: string;
  /** `http://127.0.0.1:<port>` of the S3-compatible server (when started). */
  s3Endpoint?: string;
  bucket: string;
  region: string;
  /** The hub account id (any non-assumed credentials are the hub). */
  hubAccountId: string;
  /** Environment variables that point SDKs and the AWS CLI at the simulator. */
  env: Record<string, string>;
  /** Account ids of the organization (ACTIVE and not), and names. */
  accounts(): { accountId: string; name: string; state: string; tags: Record<string, string> }[];
  /** Exact evaluations held for the scope (all accounts/regions when omitted). */
  groundTruth(scope?: { accountIds?: string[]; regions?: string[] }): SimEvaluation[];
  /** Per-operation counters since start or last reset. */
  counters(): Record<string, OperationCounters>;
  resetCounters(): void;
  /** Set or replace faults for a scope at run time. */
  setFault(scope: FaultScope, fault: FaultSpec): void;
  clearFaults(): void;
  denyRole(accountId: string, denied?: boolean): void;
  setConfigEnabled(accountId: string, region: string | undefined, enabled: boolean): void;
  setRecorderRunning(accountId: string, region: string | undefined, running: boolean): void;
  stop(): Promise<void>;
}
