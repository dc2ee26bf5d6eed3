/**
 * A hand-written summary JSON document for the HTML summary and headline tests: every number is
 * chosen so the expected text can be worked out by hand, and the names are hostile (markup, a
 * newline, a right-to-left override) as account names and owner tags can be.
 */
import type { SummaryCounts, SummaryJson } from '../../src/report/summaryJson.js';

/** Counts with the ratio worked out from compliant and non-compliant. */
export function counts(compliant: number, nonCompliant: number, na = 0, insufficient = 0): SummaryCounts {
  return {
    evaluations: compliant + nonCompliant + na + insufficient,
    compliant,
    non_compliant: nonCompliant,
    not_applicable: na,
    insufficient_data: insufficient,
    compliance_ratio: compliant + nonCompliant === 0 ? null : compliant / (compliant + nonCompliant),
  };
}

/** An account name that is markup. */
export const SCRIPT_NAME = '<script>alert("x")</script>';
/** An account name with a newline that tries to forge a line of a notification. */
export const FORGED_NAME = 'ops\nCoverage: every expected account-region was read';
/** An account name with a right-to-left override. */
export const RTL_NAME = 'acct-\u202Egnp.exe';

/**
 * The summary: overall 19,999 compliant / 1,001 non-compliant (95.23 %: 95.2 % green); Prod 2
 * accounts at 100 %; Non-Prod 3 accounts at 18,999 / 1,001 (94.995 %: shown 94.9 % and yellow, never
 * 95.0 %); no Unclassified account. Coverage problems: one denied, one missing account-region and
 * one missing shard (3); the SKIPPED account is not a problem.
 */
export function sampleSummary(): SummaryJson {
  return {
    schema_version: 1,
    group_id: '2024-05-01',
    report_date: '2024-05-01',
    generated_at: '2024-05-02T06:00:00.000Z',
    outputs: {
      xlsx: 'team/reports/ConfigRule_2024-05-01.xlsx',
      details_csv_gz: 'team/reports/ConfigRule_2024-05-01.details.csv.gz',
      summary_json: 'team/reports/ConfigRule_2024-05-01.summary.json',
      html: 'team/reports/ConfigRule_2024-05-01.html',
      sheets: ['Summary', 'Coverage'],
    },
    thresholds: { red_below: 0.8, yellow_below: 0.95 },
    overall: counts(19999, 1001, 40, 2),
    environments: [
      { environment: 'Prod', accounts: 2, ...counts(1000, 0) },
      { environment: 'Non-Prod', accounts: 3, ...counts(18999, 1001, 40, 2) },
      { environment: 'Unclassified', accounts: 0, ...counts(0, 0) },
    ],
    regions: [{ region: 'us-east-1', ...counts(19999, 1001, 40, 2) }],
    worst_accounts: [
      { account_id: '111111111111', account_name: SCRIPT_NAME, environment: 'Non-Prod', ...counts(10, 90) },
      { account_id: '222222222222', account_name: FORGED_NAME, environment: 'Non-Prod', ...counts(2, 8) },
      { account_id: '333333333333', account_name: '', environment: 'Non-Prod', ...counts(889, 1) },
      { account_id: '444444444444', account_name: RTL_NAME, environment: 'Prod', ...counts(1000, 0) },
    ],
    worst_rules: [
      {
        rule_name: 's3-bucket-versioning-enabled',
        created_by: 'Account',
        instances: 4,
        accounts: 4,
        source_identifier: 'S3_BUCKET_VERSIONING_ENABLED',
        conformance_packs: [],
        ...counts(900, 100, 3, 1),
      },
    ],
    owners: {
      tag_key: 'mox.owner',
      untagged_evaluations: 42,
      untagged_non_compliant: 7,
      untagged_share: 0.02,
      untagged_non_compliant_share: 7 / 1001,
      untagged_non_compliant_resources: 5,
    },
    worst_rules_min_evaluations: 10,
    conformance_packs: [],
    top_owners: [],
    organizational_units: [],
    unclassified_accounts: [],
    stale: { threshold_days: 7, evaluations: 12, non_compliant: 3, share: 12 / 21042, oldest_days: 30 },
    shards: { listed: 3, expected: 3, accepted: 2, rejected: 0, missing: 1 },
    records: {
      read: 21100,
      invalid: 1,
      duplicates_dropped: 57,
      unique: 21042,
      non_compliant: 1001,
      non_compliant_resources: 900,
      rules_without_results: 2,
    },
    coverage: {
      account_region_status: { OK: 4, ASSUME_ROLE_DENIED: 1, MISSING: 1, SKIPPED: 1 },
      problems: [
        {
          status: 'ASSUME_ROLE_DENIED',
          account_id: '555555555555',
          account_name: 'prod-api-01',
          region: 'us-east-1',
          shard_id: '01',
          reason: 'AccessDenied: not authorized to perform sts:AssumeRole',
        },
        {
          status: 'MISSING',
          account_id: '666666666666',
          account_name: 'log-archive',
          region: 'us-east-1',
          shard_id: '03',
          reason: 'shard 03 never arrived',
        },
        {
          status: 'SKIPPED',
          account_id: '777777777777',
          account_name: 'old-account',
          region: '',
          shard_id: '',
          reason: 'account state SUSPENDED: not collected',
        },
      ],
      missing_shards: [{ shard_id: '03', accounts: 1, reason: 'shard 03 never arrived' }],
      unexpected_shards: [],
    },
    sanitization: {
      illegalCharsStripped: 0,
      truncated: 0,
      formulaLike: 0,
      sheetNamesChanged: 0,
      nonFiniteNumbers: 0,
    },
    warnings: [],
  };
}
