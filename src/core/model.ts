/**
 * The canonical data model shared by every mode: what one shard collects and what the report reads.
 * Pure types and constants only; no I/O, no SDK.
 */

/** The compliance types a Config evaluation can carry (INSUFFICIENT_DATA only at rule/resource level). */
export const ComplianceType = {
  Compliant: 'COMPLIANT',
  NonCompliant: 'NON_COMPLIANT',
  NotApplicable: 'NOT_APPLICABLE',
  InsufficientData: 'INSUFFICIENT_DATA',
} as const;
export type ComplianceType = (typeof ComplianceType)[keyof typeof ComplianceType];
export const COMPLIANCE_TYPES: readonly ComplianceType[] = Object.values(ComplianceType);

/** What happened when one account-region was read. Every expected account-region ends with exactly one. */
export const RegionStatus = {
  Ok: 'OK',
  AssumeRoleDenied: 'ASSUME_ROLE_DENIED',
  ConfigNotEnabled: 'CONFIG_NOT_ENABLED',
  RecorderStopped: 'RECORDER_STOPPED',
  Partial: 'PARTIAL',
  TimedOut: 'TIMED_OUT',
  Error: 'ERROR',
} as const;
export type RegionStatus = (typeof RegionStatus)[keyof typeof RegionStatus];
export const REGION_STATUSES: readonly RegionStatus[] = Object.values(RegionStatus);

/** Environment classification of an account. */
export const Environment = { Prod: 'Prod', NonProd: 'Non-Prod', Unclassified: 'Unclassified' } as const;
export type Environment = (typeof Environment)[keyof typeof Environment];

/** The labels an account can be given (by an event, a plan or a tag): every environment but Unclassified. */
export const ENVIRONMENT_LABELS = [Environment.Prod, Environment.NonProd] as const;
/** An explicit environment label. */
export type EnvironmentLabel = (typeof ENVIRONMENT_LABELS)[number];

/** Where an account's environment label came from, so the report can say so. */
export const EnvironmentSource = {
  Event: 'event',
  Plan: 'plan',
  AccountTag: 'account-tag',
  NameRule: 'name-rule',
  /** The account's resources' environment tags (final mode's last resort). */
  ResourceTag: 'resource-tag',
  None: 'none',
} as const;
export type EnvironmentSource = (typeof EnvironmentSource)[keyof typeof EnvironmentSource];

/** A rule whose evaluations could not be read while the rest of the region could (status PARTIAL). */
export interface RuleFailure {
  rule_name: string;
  error_name: string;
  error_message: string;
}

/** Outcome of one account-region. */
export interface RegionResult {
  region: string;
  status: RegionStatus;
  /** Error name (SDK exception name or our own), present unless status is OK. */
  error_name?: string;
  error_message?: string;
  /** For PARTIAL: which rules failed and why. */
  failed_rules?: RuleFailure[];
  rules_count: number;
  records_count: number;
  /** Number of throttling responses seen (and survived) for this account-region. */
  throttles: number;
  duration_ms: number;
}

/** One account of the shard with its per-region outcome. */
export interface ShardAccount {
  account_id: string;
  account_name: string;
  environment: Environment;
  environment_source: EnvironmentSource;
  /** Account-level tags carried from the event or plan (Organizations tags). */
  tags: Record<string, string>;
  /**
   * Organizational unit path carried from the plan (`Root/Workloads/Prod`; see {@link PlannedAccount}).
   * Optional and additive: absent for accounts the event gave, and in shards of older writers.
   */
  ou_path?: string;
  regions: RegionResult[];
}

/** One Config rule as seen in one account-region. */
export interface ShardRule {
  account_id: string;
  region: string;
  rule_name: string;
  source_owner: string;
  source_identifier: string;
  state: string;
  description: string;
  /**
   * Set when the rule's evaluations were deliberately not read, with the reason (for example
   * `RuleEvaluationVisibility INTERNAL`: Config exposes no evaluations for such rules). Absent
   * for rules that were read. Optional and additive: schema version 1 readers ignore it.
   */
  skipped_reason?: string;
  /**
   * Service principal that created a service-linked rule, as DescribeConfigRules' `CreatedBy` says
   * (`securityhub.amazonaws.com`, `config-conforms.amazonaws.com`, `fms.amazonaws.com`,
   * `config-multiaccountsetup.amazonaws.com`…). Absent for rules the account created itself, and
   * in schema version 1 shards.
   */
  created_by?: string;
  /** Name of the conformance pack the rule belongs to (DescribeConformancePackCompliance). Version 2. */
  conformance_pack?: string;
}

/** Compliance of a conformance pack, or of one rule inside it, as Config reports it. */
export type ConformancePackComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'INSUFFICIENT_DATA';
export const CONFORMANCE_PACK_COMPLIANCE_TYPES: readonly ConformancePackComplianceType[] = [
  'COMPLIANT',
  'NON_COMPLIANT',
  'INSUFFICIENT_DATA',
];

/**
 * One conformance pack deployed in one account-region (schema version 2), with the compliance of
 * its rules as DescribeConformancePackCompliance reports them, and the pack's compliance derived
 * by Config's documented rule: NON_COMPLIANT if any rule is, else COMPLIANT if any rule is, else
 * INSUFFICIENT_DATA.
 */
export interface ShardConformancePack {
  account_id: string;
  region: string;
  pack_name: string;
  compliance_type: ConformancePackComplianceType;
  /** Rules of the pack by the compliance Config reports for each. */
  rules_compliant: number;
  rules_non_compliant: number;
  rules_insufficient_data: number;
}

/** One evaluation result: a resource's compliance against a rule, with the resource's ownership tags. */
export interface ComplianceRecord {
  account_id: string;
  account_name: string;
  region: string;
  rule_name: string;
  resource_type: string;
  resource_id: string;
  compliance_type: ComplianceType;
  annotation: string;
  /** ISO-8601 UTC. */
  result_recorded_time: string;
  /** ISO-8601 UTC. */
  config_rule_invoked_time: string;
  /** Ownership tags of the resource: only keys starting with the configured prefix (default `mox.`). */
  tags: Record<string, string>;
}

/**
 * Current version of the shard file format, the one batch mode writes. Version 2 added rule
 * identity (`rules[].created_by`, `rules[].conformance_pack`) and `conformance_packs[]`; every
 * addition is optional, so a version 1 shard reads as a version 2 shard without them.
 */
export const SHARD_SCHEMA_VERSION = 2;

/** Every version final mode reads. Readers reject versions they do not know. */
export const READABLE_SHARD_SCHEMA_VERSIONS = [1, 2] as const;
/** A version final mode reads. */
export type ShardSchemaVersion = (typeof READABLE_SHARD_SCHEMA_VERSIONS)[number];

/** Header of a shard file: everything except the records. */
export interface ShardHeader {
  schema_version: ShardSchemaVersion;
  group_id: string;
  shard_id: string;
  /** ISO-8601 UTC. */
  started_at: string;
  finished_at: string;
  /** The tag prefix used when collecting (`mox.` by default). */
  tag_prefix: string;
  accounts: ShardAccount[];
  rules: ShardRule[];
  /** Conformance packs per account-region (version 2; absent in version 1 shards). */
  conformance_packs?: ShardConformancePack[];
}

/** A whole shard file. */
export interface ShardFile extends ShardHeader {
  records: ComplianceRecord[];
}

/** Plan manifest: which shards the group expects and which accounts each holds. */
export interface PlanManifest {
  schema_version: 1;
  group_id: string;
  created_at: string;
  role_name: string;
  regions: string[];
  shard_size: number;
  source: 'organizations' | 'accounts-file' | 'event';
  shards: PlanShard[];
  /** Accounts found but not collected (SUSPENDED, PENDING_CLOSURE, CLOSED) — listed in Coverage. */
  skipped_accounts: { account_id: string; account_name: string; state: string }[];
  /**
   * Things the plan could not do but worked around (for example OU paths unreadable); final mode
   * repeats them in the report's warnings. Optional: absent when there is nothing to say.
   */
  warnings?: string[];
}

/** One shard in a plan. */
export interface PlanShard {
  shard_id: string;
  accounts: PlannedAccount[];
}

/** An account as the plan carries it. */
export interface PlannedAccount {
  account_id: string;
  account_name: string;
  environment?: 'Prod' | 'Non-Prod';
  /**
   * Set when plan mode derived `environment` itself (from a tag or the name); absent when the label
   * was given explicitly (event, accounts file) — final mode then keeps it as the plan's label.
   */
  environment_source?: 'account-tag' | 'name-rule';
  tags?: Record<string, string>;
  /**
   * The account's organizational unit path: the root's name (`Root`), then each OU's name down to
   * the account's parent, joined with `/` (`Root/Workloads/Prod`; `Root` for an account directly
   * under the root). Present when the plan read Organizations; an empty string when the OU tree
   * could not be read for that account.
   */
  ou_path?: string;
}
