/**
 * The machine-readable summary (`ConfigRule_<Date>.summary.json`), schema version 1, documented in
 * docs/report.md. Stable: fields are only ever added; ratios are numbers in 0..1 or null (no data).
 */
import type { CoverageStatus } from '../core/coverage.js';
import type { Counts } from '../core/stats.js';
import type { ReportModel, Scored, SetupFailure } from './model.js';
import { exceptionsJson, type SummaryExceptions } from './summaryExceptionsJson.js';
import type { SanitizeStats } from './xlsx/index.js';

/** Counts and ratio as the JSON carries them. */
export interface SummaryCounts {
  evaluations: number;
  compliant: number;
  non_compliant: number;
  not_applicable: number;
  insufficient_data: number;
  compliance_ratio: number | null;
}

/** Why the run is a setup failure (docs/report.md); absent from a healthy run's summary. */
export interface SummarySetupFailure {
  reason: SetupFailure['reason'];
  message: string;
  account_regions: number;
  read: number;
  denied: number;
  denied_share: number | null;
  config_not_enabled: number;
  config_not_enabled_share: number | null;
  threshold: number;
  likely_causes: string[];
}

/** The summary document. */
export interface SummaryJson {
  schema_version: 1;
  group_id: string;
  report_date: string;
  generated_at: string;
  /** Present only when the run is a setup failure. */
  setup_failure?: SummarySetupFailure;
  /** The published keys; `html` only when the HTML summary was written (`REPORT_HTML`). */
  outputs: { xlsx: string; details_csv_gz: string; summary_json: string; html?: string; sheets: string[] };
  thresholds: { red_below: number; yellow_below: number };
  overall: SummaryCounts;
  environments: (SummaryCounts & { environment: string; accounts: number })[];
  regions: (SummaryCounts & { region: string })[];
  worst_accounts: (SummaryCounts & { account_id: string; account_name: string; environment: string })[];
  /** Logical rules (docs/report.md), most non-compliant first. */
  worst_rules: (SummaryCounts & {
    rule_name: string;
    created_by: string;
    instances: number;
    accounts: number;
    source_identifier: string;
    conformance_packs: string[];
  })[];
  /** Compliant + non-compliant evaluations a rule needs to be listed in `worst_rules`. */
  worst_rules_min_evaluations: number;
  /** Conformance packs across accounts; `compliance_score` is AWS's (null: no data). */
  conformance_packs: {
    pack_name: string;
    accounts: number;
    account_regions: number;
    non_compliant_account_regions: number;
    rules: number;
    compliant: number;
    non_compliant: number;
    compliance_score: number | null;
  }[];
  owners: {
    tag_key: string;
    untagged_evaluations: number;
    untagged_non_compliant: number;
    untagged_share: number | null;
    /** Untagged non-compliant ÷ all non-compliant evaluations. */
    untagged_non_compliant_share: number | null;
    untagged_non_compliant_resources: number;
  };
  /** Tagged owners with non-compliant evaluations, most first (REPORT_TOP_N). */
  top_owners: (SummaryCounts & { owner: string; accounts: number; non_compliant_resources: number })[];
  /** Accounts by OU path, most non-compliant first (all OUs; empty without OU paths). */
  organizational_units: (SummaryCounts & {
    ou_path: string;
    accounts: number;
    non_compliant_resources: number;
  })[];
  unclassified_accounts: { account_id: string; account_name: string }[];
  /** Evaluations recorded more than `threshold_days` before `generated_at`. */
  stale: {
    threshold_days: number;
    evaluations: number;
    non_compliant: number;
    share: number | null;
    oldest_days: number | null;
  };
  shards: { listed: number; expected: number | null; accepted: number; rejected: number; missing: number };
  records: {
    read: number;
    invalid: number;
    duplicates_dropped: number;
    unique: number;
    non_compliant: number;
    /** Distinct resources with a non-compliant evaluation. */
    non_compliant_resources: number;
    rules_without_results: number;
  };
  coverage: {
    account_region_status: Partial<Record<CoverageStatus, number>>;
    problems: {
      status: string;
      account_id: string;
      account_name: string;
      region: string;
      shard_id: string;
      reason: string;
    }[];
    missing_shards: { shard_id: string; accounts: number; reason: string }[];
    unexpected_shards: string[];
  };
  /** Accepted exceptions (summaryExceptionsJson.ts); absent when no exceptions file is configured. */
  exceptions?: SummaryExceptions;
  sanitization: SanitizeStats;
  warnings: string[];
}

function counts(c: Counts, ratio: number | null): SummaryCounts {
  return {
    evaluations: c.compliant + c.nonCompliant + c.notApplicable + c.insufficientData,
    compliant: c.compliant,
    non_compliant: c.nonCompliant,
    not_applicable: c.notApplicable,
    insufficient_data: c.insufficientData,
    compliance_ratio: ratio,
  };
}
const scored = (s: Scored): SummaryCounts => counts(s.counts, s.ratio);

function setupFailureJson(f: SetupFailure): SummarySetupFailure {
  return {
    reason: f.reason,
    message: f.message,
    account_regions: f.accountRegions,
    read: f.read,
    denied: f.denied,
    denied_share: f.deniedShare,
    config_not_enabled: f.configNotEnabled,
    config_not_enabled_share: f.configNotEnabledShare,
    threshold: f.threshold,
    likely_causes: [...f.likelyCauses],
  };
}

/** Builds the summary document. */
export function buildSummaryJson(
  model: ReportModel,
  outputs: SummaryJson['outputs'],
  sanitization: SanitizeStats,
): SummaryJson {
  return {
    schema_version: 1,
    group_id: model.groupId,
    report_date: model.reportDate,
    generated_at: model.generatedAt.toISOString(),
    ...(model.setupFailure ? { setup_failure: setupFailureJson(model.setupFailure) } : {}),
    outputs,
    thresholds: { red_below: model.thresholds.red, yellow_below: model.thresholds.yellow },
    overall: scored(model.overall),
    environments: model.environments.map((e) => ({
      environment: e.environment,
      accounts: e.accounts,
      ...scored(e),
    })),
    regions: model.regions.map((r) => ({ region: r.region, ...scored(r) })),
    worst_accounts: model.worstAccounts.map((a) => ({
      account_id: a.accountId,
      account_name: a.accountName,
      environment: a.environment,
      ...scored(a),
    })),
    ...ruleSections(model),
    ...ownerSections(model),
    unclassified_accounts: model.unclassifiedAccounts.map((a) => ({
      account_id: a.accountId,
      account_name: a.accountName,
    })),
    stale: {
      threshold_days: model.stale.thresholdDays,
      evaluations: model.stale.evaluations,
      non_compliant: model.stale.nonCompliant,
      share: model.stale.share,
      oldest_days: model.stale.oldestDays,
    },
    shards: {
      listed: model.shards.listed,
      expected: model.shards.expected,
      accepted: model.shards.accepted,
      rejected: model.shards.rejected,
      missing: model.shards.missing,
    },
    records: {
      read: model.records.read,
      invalid: model.records.invalid,
      duplicates_dropped: model.records.duplicatesDropped,
      unique: model.records.unique,
      non_compliant: model.records.nonCompliant,
      non_compliant_resources: model.nonCompliantResources,
      rules_without_results: model.records.rulesWithoutResults,
    },
    coverage: coverageJson(model),
    ...exceptionsJson(model),
    sanitization: { ...sanitization },
    warnings: model.warnings,
  };
}

/** Worst logical rules, the minimum they need, and the conformance packs. */
function ruleSections(
  model: ReportModel,
): Pick<SummaryJson, 'worst_rules' | 'worst_rules_min_evaluations' | 'conformance_packs'> {
  return {
    worst_rules: model.worstRules.map((r) => ({
      rule_name: r.ruleName,
      created_by: r.createdBy,
      instances: r.instances,
      accounts: r.accounts,
      source_identifier: r.sourceIdentifier,
      conformance_packs: [...r.conformancePacks],
      ...scored(r),
    })),
    worst_rules_min_evaluations: model.worstRulesMinEvaluations,
    conformance_packs: model.conformancePacks.map((p) => ({
      pack_name: p.packName,
      accounts: p.accounts,
      account_regions: p.accountRegions,
      non_compliant_account_regions: p.nonCompliantAccountRegions,
      rules: p.rules,
      compliant: p.compliant,
      non_compliant: p.nonCompliant,
      compliance_score: p.score,
    })),
  };
}

/** The untagged numbers, the top owners and the organizational units: who must act. */
function ownerSections(
  model: ReportModel,
): Pick<SummaryJson, 'owners' | 'top_owners' | 'organizational_units'> {
  return {
    owners: {
      tag_key: model.ownerTagKey,
      untagged_evaluations: model.untagged.evaluations,
      untagged_non_compliant: model.untagged.nonCompliant,
      untagged_share: model.untagged.share,
      untagged_non_compliant_share: model.untagged.nonCompliantShare,
      untagged_non_compliant_resources: model.untagged.nonCompliantResources,
    },
    top_owners: model.topOwners.map((o) => ({
      owner: o.owner,
      accounts: o.accounts,
      non_compliant_resources: o.nonCompliantResources,
      ...scored(o),
    })),
    organizational_units: model.organizationalUnits.map((u) => ({
      ou_path: u.ouPath,
      accounts: u.accounts,
      non_compliant_resources: u.nonCompliantResources,
      ...scored(u),
    })),
  };
}

/** What was read and what was not: status counts, the problems, missing and unexpected shards. */
function coverageJson(model: ReportModel): SummaryJson['coverage'] {
  return {
    account_region_status: model.coverage.statusCounts,
    problems: model.coverage.rows
      .filter((r) => r.status !== 'OK')
      .map((r) => ({
        status: r.status,
        account_id: r.accountId,
        account_name: r.accountName,
        region: r.region,
        shard_id: r.shardId,
        reason: r.reason,
      })),
    missing_shards: model.coverage.missingShards.map((m) => ({
      shard_id: m.shardId,
      accounts: m.accounts,
      reason: m.reason,
    })),
    unexpected_shards: model.coverage.unexpectedShards,
  };
}
