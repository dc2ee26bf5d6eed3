/**
 * What batch mode needs from AWS, in its own words: a source of Config data per account-region,
 * reached through the spoke role. Implemented by src/aws/configSource.ts (STS, paced Config
 * clients); tests pass a fake. Only plain data crosses this port, and every failure arrives as one
 * of batch mode's typed errors (errors.ts), so the mode never classifies SDK errors itself.
 */

/** How to reach the spoke accounts of one shard. */
export interface AssumeRoleSession {
  /** Name of the read role in every spoke account (the partition comes from the hub's region). */
  roleName: string;
  externalId?: string | undefined;
  /** The shard collecting: the adapter names the role session after it, so CloudTrail shows the run. */
  shardId: string;
}

/** Builds the source one shard reads through; `close()` it when the shard is done. */
export type ConfigSourceFactory = (session: AssumeRoleSession) => ConfigSource;

/** One account-region to open. */
export interface RegionRequest {
  accountId: string;
  region: string;
  /** Aborts every call and wait of this account-region (the deadline). */
  signal: AbortSignal;
  /** Called once per throttled attempt (progress reporting). */
  onThrottle?: () => void;
}

/** The Config data of the shard's accounts. */
export interface ConfigSource {
  /**
   * Assumes the account's role (once per account, shared by its regions, remembered when denied)
   * and returns a reader for the region, paced by its own limiter.
   * @throws AssumeRoleDeniedError when the role may not be assumed.
   * @throws ConfigSourceError for any other failure of AssumeRole.
   */
  openRegion(request: RegionRequest): Promise<RegionReader>;
  /** AssumeRole calls made so far (for the result and the benchmarks). */
  readonly assumeRoleCalls: number;
  /** Releases the connections; call once, after the last reader is done. */
  close(): void;
}

/** What the configuration recorders say about an account-region. */
export type RecorderState = 'NOT_ENABLED' | 'STOPPED' | 'RECORDING';

/** A Config rule as the source lists it ('' for a field Config left out). */
export interface SourceRule {
  name: string;
  description: string;
  state: string;
  sourceOwner: string;
  sourceIdentifier: string;
  /** Service principal of a service-linked rule (`CreatedBy`), '' for the account's own rules. */
  createdBy: string;
  /** True when Config keeps the rule's evaluations to itself (RuleEvaluationVisibility INTERNAL). */
  evaluationsHidden: boolean;
}

/** A conformance pack of the account-region and its rules, as Config reports them. */
export interface SourceConformancePack {
  name: string;
  /** Every rule of the pack with the compliance Config reports for it (as sent). */
  rules: { ruleName: string; complianceType: string }[];
}

/** One evaluation result of a rule ('' or undefined for what Config left out). */
export interface SourceEvaluation {
  resourceType: string;
  resourceId: string;
  /** As Config sent it; batch mode decides what an unknown value becomes. */
  complianceType: string;
  annotation: string;
  resultRecordedTime: Date | undefined;
  configRuleInvokedTime: Date | undefined;
}

/** Calls one account-region sent to Config, read live. */
export interface CallCounts {
  /** HTTP attempts sent (retries included). */
  readonly calls: number;
  /** Attempts answered with throttling (survived or not). */
  readonly throttles: number;
}

/**
 * One account-region's Config. Every list is read to its last page, throttling is survived by
 * waiting, never by losing pages. Methods reject with `ConfigSourceError` (and `evaluations` with
 * `RuleNotFoundError` when the rule is gone).
 */
export interface RegionReader {
  recorderState(): Promise<RecorderState>;
  listRules(): Promise<SourceRule[]>;
  evaluations(ruleName: string): Promise<SourceEvaluation[]>;
  /** Runs one advanced query (Config's SQL, SelectResourceConfig) and returns its rows as JSON text. */
  selectResources(expression: string): Promise<string[]>;
  /**
   * Every conformance pack (DescribeConformancePacks) with its rules' compliance
   * (DescribeConformancePackCompliance), all pages.
   */
  conformancePacks(): Promise<SourceConformancePack[]>;
  readonly stats: CallCounts;
}
