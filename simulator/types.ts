/**
 * The in-process API of the AWS simulator (contract shared by the simulator and every test,
 * benchmark and the demo). The simulator serves STS, Config, Organizations, SNS and EventBridge
 * on one loopback port and runs a real S3-compatible server (s3rver behind a checksum-decoding layer, in a child
 * process) beside it. See docs/simulator.md.
 */

import type { ComplianceType } from '@aws-sdk/client-config-service';
import type { SimEvent, SimSnsMessage } from './notifications.js';
import type { DayChangeRates } from './org/days.js';

export type { SimEvent, SimSnsMessage } from './notifications.js';

/** Compliance types as the simulator holds them: the model's, less INSUFFICIENT_DATA (never an evaluation). */
export type SimComplianceType = Exclude<ComplianceType, 'INSUFFICIENT_DATA'>;

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
  /** Epoch milliseconds. */
  configRuleInvokedTime: number;
  /** All tags of the evaluated resource (not only `mox.*`); `{}` when untagged. */
  resourceTags: Record<string, string>;
}

/** One rule as a collector lists it in one account-region, with the simulator's word on its identity. */
export interface SimRuleInstance {
  accountId: string;
  region: string;
  ruleName: string;
  /**
   * The name without the suffix the deploying service generated: the same in every account-region
   * that runs the rule (the catalogue template's name; for a fixture rule its `baseName` or name).
   */
  baseName: string;
  owner: string;
  sourceIdentifier: string;
  /** `CreatedBy` of a service-linked rule. */
  createdBy?: string;
  /** The conformance pack that deployed the rule here, and that pack's name across accounts. */
  conformancePack?: string;
  conformancePackBaseName?: string;
  /** False for INTERNAL rules and rules whose results a fault hides: listed, never evaluated. */
  evaluationsVisible: boolean;
}

/** Faults for a scope. Omitted fields mean "not set here" (a less specific scope may set them). */
export interface FaultSpec {
  /** Added to every matching call: fixed milliseconds plus uniform jitter in [0, jitterMs). */
  latencyMs?: number;
  jitterMs?: number;
  /**
   * Token bucket: sustained requests per second and burst. Buckets are per (account, region): a
   * scope without `operation` gives ONE bucket shared by all operations of the service (e.g. all
   * Config calls of an account-region), a scope with `operation` gives that operation its own.
   * Throttled calls get the service's throttling error (Config `ThrottlingException` 400, STS
   * `Throttling` 400, Organizations `TooManyRequestsException` 400, S3 `SlowDown` 503).
   */
  rateLimit?: { rps: number; burst: number };
  /**
   * Share (0..1) of matching calls answered with a 5xx: half 500s, half 503s, in each service's own
   * words (Config/STS InternalFailure / ServiceUnavailable, Organizations ServiceException /
   * ServiceUnavailable, S3 InternalError / SlowDown).
   */
  errorRate?: number;
  /**
   * Share (0..1) of matching S3 GetObject answers whose body is cut: the headers promise the whole
   * object (Content-Length), half of it is sent, then the connection closes. Objects under 2 bytes
   * and every other operation are never cut.
   */
  cutBodyRate?: number;
}

/**
 * Where a fault applies; omitted fields match everything. For each FaultSpec field the most
 * specific matching scope wins (account > region > operation > service; ties: set last wins).
 * For STS the account is the CALLER's account (the hub for AssumeRole).
 */
export interface FaultScope {
  accountId?: string;
  region?: string;
  /** `config`, `sts`, `organizations`, `sns`, `events` or `s3`. */
  service?: string;
  /** Operation name, e.g. `GetComplianceDetailsByConfigRule`, `AssumeRole`, `GetObject`. */
  operation?: string;
}

/** Per-operation counters. `errors` counts every error answer except throttling. */
export interface OperationCounters {
  calls: number;
  throttled: number;
  errors: number;
}

/** Which evaluations `groundTruth` returns. */
export interface GroundTruthScope {
  accountIds?: string[];
  /** Default: every region of the org. */
  regions?: string[];
  /** Ignore run-time faults (denied roles, Config off, hidden rules); trust policies still apply. */
  ignoreFaults?: boolean;
  /** Role the collector assumes in every account. Default: the simulator's `roleName`. */
  roleName?: string;
  /**
   * ExternalId the collector presents. Default: the simulator's `externalId` option (none for a
   * fixture); pass `undefined` explicitly for "no ExternalId".
   */
  externalId?: string | undefined;
  /**
   * The day whose data to return (default: the simulator's current day), so a day-over-day test
   * can recompute what changed. Roles denied from a later day still read on this one.
   */
  day?: number;
}

/** Options for `startSimulator`. */
export interface SimulatorOptions {
  /** Synthetic org size: total accounts including the hub (management) account. Default 12. */
  accounts?: number;
  /** The synthetic data's "now" in epoch ms (evaluations are from the day before). Default 2026-01-01. */
  epochMs?: number;
  /**
   * The day the synthetic org starts at: 0 = the data as generated, N = N days later (its "now" is
   * `epochMs + N · 24 h`). Default 0. See "Days" in docs/simulator.md.
   */
  day?: number;
  /**
   * Day-over-day change rates of the synthetic org. Default: 10 % of failures fixed, 3 % of
   * compliant results newly failing, 1 % of resources deleted, 1 % new (`DEFAULT_DAY_CHANGES`).
   */
  dayChanges?: Partial<DayChangeRates>;
  /** Seed of the synthetic org and of every random fault decision. Default 1. */
  seed?: number;
  /** Default `['us-east-1', 'eu-west-1']`. */
  regions?: string[];
  /** Rules per account-region. Default: the whole catalogue (34). */
  rulesPerRegion?: number;
  /** Approximate resources per account-region. Default 40. */
  resourcesPerRegion?: number;
  /** A fixture file path or object (replaces the synthetic org; see docs/simulator.md). */
  fixture?: string | object;
  /** Name of the role every synthetic account has. Default `configreport-read-role`. */
  roleName?: string;
  /** When set, every synthetic account's role requires this ExternalId. */
  externalId?: string;
  /** Global fault defaults applied to every call (scope `{}`). */
  faults?: FaultSpec;
  /** Scoped faults set at start (same as calling `setFault` for each). */
  faultRules?: { scope: FaultScope; fault: FaultSpec }[];
  /**
   * Accounts whose roles cannot be assumed (AccessDenied): `"<account>"`, or `"<account>@<day>"`
   * for "from that day on".
   */
  deniedAccounts?: string[];
  /** Account-regions where Config has no recorder: `"<account>"` or `"<account>:<region>"`. */
  configDisabled?: string[];
  /** Account-regions whose recorder exists but is stopped. */
  recorderStopped?: string[];
  /** Rules whose results are hidden: `"<account>:<region>:<rule>"` or `"<account>::<rule>"` (all regions). */
  hiddenRules?: string[];
  /** Fixed port (default: ephemeral). Always bound to 127.0.0.1. */
  port?: number;
  /** Start the S3-compatible server too (default true), with this bucket created. */
  s3?: boolean;
  /** Default `configreport-test`. */
  bucket?: string;
  /** Fixed port for the S3 server (default: ephemeral). */
  s3Port?: number;
  /** SNS topics (names) to create in the hub account and the default region. */
  topics?: string[];
}

/** A running simulator. */
export interface RunningSimulator {
  /** `http://127.0.0.1:<port>` serving STS, Config and Organizations. */
  endpoint: string;
  /** `http://127.0.0.1:<port>` of the S3-compatible server (when started). */
  s3Endpoint?: string;
  bucket: string;
  /** The default region (first region of the org). */
  region: string;
  /** Regions of the org. */
  regions: string[];
  /** The hub account id (also the Organizations management account; any non-assumed key is the hub). */
  hubAccountId: string;
  /** Name of the default role in every synthetic account. */
  roleName: string;
  /** Environment variables that point SDKs and the AWS CLI at the simulator (endpoints, region, dummy keys, bucket). */
  env: Record<string, string>;
  /**
   * Accounts of the organization (ACTIVE and not), in Organizations order, with their OU path as
   * the report shows it (`Root/Workloads/Prod`; `Root` directly under the root): ground truth for
   * plan mode's OU paths.
   */
  accounts(): {
    accountId: string;
    name: string;
    state: string;
    tags: Record<string, string>;
    ouPath: string;
  }[];
  /** Exact evaluations a correct collector must collect for the scope (see GroundTruthScope). */
  groundTruth(scope?: GroundTruthScope): SimEvaluation[];
  /** Every rule a correct collector lists for the scope, with its identity (see SimRuleInstance). */
  groundTruthRules(scope?: GroundTruthScope): SimRuleInstance[];
  /** Per-operation counters since start or last reset, optionally for one account and/or region. */
  counters(scope?: { accountId?: string; region?: string }): Record<string, OperationCounters>;
  resetCounters(): void;
  /** Set or replace faults for a scope at run time (an empty spec removes the scope). */
  setFault(scope: FaultScope, fault: FaultSpec): void;
  /** Removes every fault set with `faults`, `faultRules` or `setFault` (not denied roles / Config state). */
  clearFaults(): void;
  /** Denies (default) or allows the account's role; with `fromDay`, only from that day on. */
  denyRole(accountId: string, denied?: boolean, fromDay?: number): void;
  /** The day the simulator serves (starts at the `day` option). */
  day(): number;
  /**
   * Serves the org `days` later (a whole number >= 0) and returns the new day. Only the data
   * moves: the wall clock (`advanceTime`) and every fault stay as they were.
   */
  advanceDays(days: number): number;
  /** `region` undefined = every region of the account; a region setting beats the account setting. */
  setConfigEnabled(accountId: string, region: string | undefined, enabled: boolean): void;
  setRecorderRunning(accountId: string, region: string | undefined, running: boolean): void;
  /** Hide (or show again) one rule's results: it stays listed, GetComplianceDetailsByConfigRule returns none. */
  setRuleHidden(accountId: string, region: string | undefined, ruleName: string, hidden?: boolean): void;
  /** Moves the simulated clock forward (session credentials expire against it). */
  advanceTime(ms: number): void;
  /** Creates an SNS topic in the hub account (default: the default region); returns its ARN. */
  createTopic(name: string, region?: string): string;
  /** ARNs of the SNS topics. */
  topics(): string[];
  /** Messages SNS accepted (all topics, or one), oldest first. */
  snsMessages(topicArn?: string): SimSnsMessage[];
  /** Events EventBridge accepted, oldest first. */
  events(): SimEvent[];
  /** Forgets the SNS messages and EventBridge events received so far (topics stay). */
  clearNotifications(): void;
  stop(): Promise<void>;
}
