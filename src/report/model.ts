/**
 * What the report writers consume: aggregates computed before the first sheet is written (the zip
 * is streamed sheet by sheet, so Summary's numbers must exist up front), and the shape of one
 * evaluation row for Non-Compliant, Details and the CSV. Types only.
 */
import type { StaleCounts } from '../core/age.js';
import type { Coverage } from '../core/coverage.js';
import type { ComplianceType, Environment, EnvironmentSource } from '../core/model.js';
import type { Counts } from '../core/stats.js';

/** Counts plus the ratio (null = no data, shown blank). */
export interface Scored {
  counts: Counts;
  ratio: number | null;
}

/** One row of the Accounts sheet. */
export interface AccountRow extends Scored {
  accountId: string;
  accountName: string;
  environment: Environment;
  environmentSource: EnvironmentSource;
  environmentDetail: string;
  /** Account-regions read completely (OK) and in total. */
  regionsOk: number;
  regionsTotal: number;
  /** OK, or the worst status of the account's regions (MISSING when no shard reported it). */
  coverage: string;
  shards: string;
  /** Distinct resources with a non-compliant evaluation (a resource failing three rules counts once). */
  nonCompliantResources: number;
  /** Organizational unit path from the plan (`Root/Workloads/Prod`); empty when unknown. */
  ouPath: string;
}

/**
 * One row of the Rules sheet: a logical rule, i.e. every instance of one rule across the
 * account-regions (src/core/logicalRules.ts). Where instances disagree (source, creator, pack),
 * the distinct values are joined with `, `.
 */
export interface RuleRow extends Scored {
  /** The logical rule: the instance name without its generated suffix. */
  ruleName: string;
  /** Who deployed it: `Security Hub`, `Conformance pack`, `Firewall Manager`, `Organization rule`, `Account`, or a service principal. */
  createdBy: string;
  sourceOwner: string;
  sourceIdentifier: string;
  /** Conformance packs its instances belong to (names across accounts), sorted. */
  conformancePacks: string[];
  description: string;
  /** Rule instances: account-region rules, deployed or evaluated. */
  instances: number;
  /** Accounts with at least one instance. */
  accounts: number;
}

/**
 * One row of the Conformance packs sheet: a pack across accounts. Its compliance score is AWS's:
 * compliant ÷ (compliant + non-compliant) rule-resource combinations of the pack's rules.
 */
export interface PackRow {
  packName: string;
  accounts: number;
  /** Account-regions where the pack is deployed. */
  accountRegions: number;
  /** Of those, where Config reports the pack NON_COMPLIANT. */
  nonCompliantAccountRegions: number;
  /** Logical rules of the pack. */
  rules: number;
  compliant: number;
  nonCompliant: number;
  /** null when there is no compliant and no non-compliant combination. */
  score: number | null;
}

/** One row of the Owners sheet. */
export interface OwnerRow extends Scored {
  /** The tag value, or the untagged label `(no owner tag)`. */
  owner: string;
  /** The resources without the owner tag (told apart by this flag, never by the label). */
  untagged: boolean;
  accounts: number;
  /** Distinct resources of this owner with a non-compliant evaluation. */
  nonCompliantResources: number;
}

/** One organizational unit of the Summary's OU table: the accounts directly in it. */
export interface OuRow extends Scored {
  /** `Root/Workloads/Prod`, or `(no OU path)` for accounts the plan gave none. */
  ouPath: string;
  accounts: number;
  nonCompliantResources: number;
}

/** One region of the Summary's region table. */
export interface RegionRow extends Scored {
  region: string;
}

/** One environment of the Summary's environment table. */
export interface EnvironmentRow extends Scored {
  environment: Environment;
  accounts: number;
}

/** One evaluation as the Non-Compliant and Details sheets and the CSV show it. */
export interface DetailRow {
  accountId: string;
  accountName: string;
  environment: Environment;
  region: string;
  ruleName: string;
  resourceType: string;
  resourceId: string;
  compliance: ComplianceType;
  annotation: string;
  /** ISO-8601 as collected, and parsed (epoch ms: no Date per row, the sheets write serials). */
  recordedIso: string;
  recordedMs: number;
  invokedIso: string;
  invokedMs: number;
  /** Whole days from the result's recorded time to the report time (0 when recorded after it). */
  ageDays: number;
  /** More than `REPORT_STALE_DAYS` old at report time (the Summary's stale count). */
  stale: boolean;
  owner: string;
  /** The resource's ownership tags as `key=value; …`, sorted by key. */
  tags: string;
}

/** One extract workbook, as the main workbook's Extracts sheet lists it. */
export interface ExtractIndexRow extends Scored {
  kind: 'Owner' | 'Account';
  /** The original owner tag value (`(no owner tag)` for resources without it), or the account name. */
  value: string;
  /** The account's id (account extracts only; '' for owners). */
  accountId: string;
  /** The extract's published key. */
  key: string;
}

/** A key/value line of the About sheet. */
export interface AboutLine {
  label: string;
  value: string | number | null;
  /** How a number is shown: default `integer` for whole numbers (`7,486`), else `decimal` (`0.25`). */
  format?: 'integer' | 'decimal' | 'percent';
}

/**
 * The run read too little to describe the organization: the report says so at the top of Summary
 * and in the summary JSON (`setup_failure`), and the run fails after publishing.
 */
export interface SetupFailure {
  /** `no-account-region-read`, or `access-denied-share` (denied share above the threshold). */
  reason: 'no-account-region-read' | 'access-denied-share';
  /** One line for people: what happened, in numbers. */
  message: string;
  /** Account-regions the accepted shards report (MISSING ones are not counted). */
  accountRegions: number;
  /** Of those, read to the end (OK, PARTIAL, RECORDER_STOPPED). */
  read: number;
  /** ASSUME_ROLE_DENIED, and its share of `accountRegions` (null when there are none). */
  denied: number;
  deniedShare: number | null;
  /** CONFIG_NOT_ENABLED (a Config set-up gap, not access), and its share. */
  configNotEnabled: number;
  configNotEnabledShare: number | null;
  /** REPORT_SETUP_FAILURE_SHARE. */
  threshold: number;
  likelyCauses: string[];
}

/** One entry of the accepted exceptions file, as the report shows it. */
export interface ExceptionEntryRow {
  /** Where it is in the file: `exceptions[3]` (as validation errors name it). */
  entry: string;
  account: string;
  rule: string;
  resource: string;
  reason: string;
  owner: string;
  expires: string;
  /** On the report date: in force, in force with 14 days or fewer left, or no longer applied. */
  status: 'active' | 'expiring' | 'expired';
  /** Days from the report date to `expires` (0 on the day, negative once expired). */
  daysToExpiry: number;
  /** Non-compliant evaluations it accepted (an evaluation counts for the first entry matching it). */
  matched: number;
}

/** The accepted exceptions of the run (absent when no exceptions file is configured). */
export interface ExceptionsSummary {
  /** The file's location as configured. */
  source: string;
  /** Why the file was not applied (`REPORT_IGNORE_INVALID_EXCEPTIONS`); absent when it was. */
  ignored?: string;
  entries: ExceptionEntryRow[];
  /** Non-compliant evaluations accepted (off the work list, still non-compliant in every other count). */
  accepted: number;
  /** compliant ÷ (compliant + non-compliant − accepted); the strict ratio is `overall.ratio`. */
  ratioWithoutAccepted: number | null;
  /** Entries in force with 14 days or fewer left, entries past their date, and entries in force that matched nothing. */
  expiring: number;
  expired: number;
  unmatched: number;
}

/** Everything the report needs except the evaluation rows. */
export interface ReportModel {
  groupId: string;
  reportDate: string;
  generatedAt: Date;
  storeLocation: string;
  thresholds: { red: number; yellow: number };
  ownerTagKey: string;
  overall: Scored;
  environments: EnvironmentRow[];
  regions: RegionRow[];
  accounts: AccountRow[];
  /** One per logical rule, worst first (most non-compliant, then lowest ratio, then name). */
  rules: RuleRow[];
  /** One per conformance pack across accounts, worst first. */
  conformancePacks: PackRow[];
  owners: OwnerRow[];
  worstAccounts: AccountRow[];
  /** Logical rules with the most non-compliant evaluations, among those with enough evaluations. */
  worstRules: RuleRow[];
  /** Compliant + non-compliant evaluations a rule needs to enter `worstRules`. */
  worstRulesMinEvaluations: number;
  /** Evaluations without the owner tag, and how many of them are non-compliant. */
  untagged: {
    evaluations: number;
    nonCompliant: number;
    share: number | null;
    /** Untagged non-compliant ÷ all non-compliant (null when nothing is non-compliant). */
    nonCompliantShare: number | null;
    /** Distinct untagged resources with a non-compliant evaluation. */
    nonCompliantResources: number;
    /** Accounts holding untagged evaluated resources. */
    accounts: number;
  };
  /** Tagged owners with non-compliant evaluations, most first (length REPORT_TOP_N). */
  topOwners: OwnerRow[];
  /** Distinct resources with a non-compliant evaluation, in all. */
  nonCompliantResources: number;
  /** Accounts by OU path, most non-compliant first (all of them); empty when no account has an OU path. */
  organizationalUnits: OuRow[];
  /** REPORT_TOP_N: how many entries the Summary's lists show. */
  topN: number;
  unclassifiedAccounts: AccountRow[];
  /** Evaluations older than `REPORT_STALE_DAYS` at report time, and their share of all evaluations. */
  stale: StaleCounts & { share: number | null };
  coverage: Coverage;
  shards: {
    listed: number;
    expected: number | null;
    accepted: number;
    rejected: number;
    missing: number;
    acceptedIds: string[];
  };
  records: {
    read: number;
    invalid: number;
    duplicatesDropped: number;
    unique: number;
    nonCompliant: number;
    rulesWithoutResults: number;
  };
  /** Settings as shown in About. */
  settings: AboutLine[];
  /** Things a reader should know (plan unreadable, header/record count mismatch, …). */
  warnings: string[];
  /** Set when the run is a setup failure (absent otherwise). */
  setupFailure?: SetupFailure;
  /** The per-owner / per-account extracts written beside the report (absent when they are off). */
  extracts?: ExtractIndexRow[];
  /** Accepted exceptions (absent when no exceptions file is configured). */
  exceptions?: ExceptionsSummary;
}
