/** Rows of the settings table for final mode: the report's thresholds, layout and the reducer's knobs. */
import { z } from 'zod';
import { compileEnvironmentRules, DEFAULT_ENVIRONMENT_RULES } from '../../core/environment.js';
import { SNS_TOPIC_ARN_PATTERN } from '../../core/ids.js';
import { ENVIRONMENT_LABELS } from '../../core/model.js';
import { defaultWorkers, EXCEL_MAX_DATA_ROWS, MAX_LINK_EXPIRY_DAYS } from '../../modes/final/settings.js';
import { row } from './row.js';
import { bool, int, matching, num, text } from './schemas.js';

const environmentRules = z
  .array(
    z.object(
      {
        pattern: z.string({ error: 'pattern must be text' }),
        environment: z.enum(ENVIRONMENT_LABELS),
        description: z.string({ error: 'description must be text' }).optional(),
      },
      {
        error:
          'must be a list of {"pattern": "<regex>", "environment": "Prod" | "Non-Prod", "description"?: "<words>"}',
      },
    ),
    { error: 'must be a JSON array of {pattern, environment}' },
  )
  .superRefine((rules, ctx) => {
    try {
      compileEnvironmentRules(rules);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

/** Final-mode settings. */
export const REPORT_ROWS = {
  redBelow: row({
    env: ['REPORT_RED_BELOW'],
    file: 'red_below',
    kind: 'number',
    schema: num(0, 1),
    fallback: 0.8,
    to: ['final.thresholds.red'],
    description: 'compliance ratio below which a cell is red',
    rule: 'not above `REPORT_YELLOW_BELOW`',
  }),
  yellowBelow: row({
    env: ['REPORT_YELLOW_BELOW'],
    file: 'yellow_below',
    kind: 'number',
    schema: num(0, 1),
    fallback: 0.95,
    to: ['final.thresholds.yellow'],
    description: 'compliance ratio below which a cell is yellow (green at or above)',
    rule: 'not below `REPORT_RED_BELOW`',
  }),
  ownerTagKey: row({
    env: ['REPORT_OWNER_TAG'],
    file: 'owner_tag',
    kind: 'string',
    schema: text(128),
    fallback: 'mox.owner',
    to: ['final.ownerTagKey'],
    description: 'resource tag whose value names the owner',
  }),
  environmentRules: row({
    env: ['REPORT_ENVIRONMENT_RULES'],
    file: 'environment_rules',
    kind: 'json',
    schema: environmentRules,
    fallback: DEFAULT_ENVIRONMENT_RULES.map((rule) => ({ ...rule })),
    to: ['plan.environmentRules', 'final.environmentRules'],
    description:
      'ordered name rules (first match wins) for account names and tag values the tag value lists do not know',
    defaultText: 'the built-in name rules ([report.md](report.md#environments))',
    rule: 'a JSON array of `{"pattern": "<regex>", "environment": "Prod" | "Non-Prod", "description"?: "<the rule in words>"}`; each pattern must compile',
  }),
  detailsRowLimit: row({
    env: ['REPORT_DETAILS_ROW_LIMIT'],
    file: 'details_row_limit',
    kind: 'number',
    schema: int(1, EXCEL_MAX_DATA_ROWS),
    fallback: EXCEL_MAX_DATA_ROWS,
    to: ['final.detailsRowLimit'],
    description: 'data rows per Details / Non-Compliant sheet before it continues in "Details (2)"',
  }),
  topN: row({
    env: ['REPORT_TOP_N'],
    file: 'top_n',
    kind: 'number',
    schema: int(1, 100),
    fallback: 10,
    to: ['final.topN'],
    description: 'length of the Summary lists: worst accounts and rules, top owners, OUs',
  }),
  readAhead: row({
    env: ['REPORT_READ_AHEAD'],
    file: 'read_ahead',
    kind: 'number',
    schema: int(0, 32),
    fallback: 4,
    to: ['final.readAhead'],
    description: "shards opened ahead of the one being read (hides S3's first-byte latency)",
  }),
  maxLineBytes: row({
    env: ['REPORT_MAX_LINE_BYTES'],
    file: 'max_line_bytes',
    kind: 'number',
    schema: int(1024, 1024 ** 3),
    fallback: 64 * 1024 * 1024,
    to: ['final.maxLineBytes'],
    description: 'longest shard line read as one line before the streaming parser takes over',
  }),
  csvFormulaGuard: row({
    env: ['REPORT_CSV_FORMULA_GUARD'],
    file: 'csv_formula_guard',
    kind: 'bool',
    schema: bool,
    fallback: true,
    to: ['final.csvFormulaGuard'],
    description: "prefix formula-looking CSV cells with ' (for spreadsheet users)",
  }),
  gzipLevel: row({
    env: ['REPORT_CSV_GZIP_LEVEL'],
    file: 'csv_gzip_level',
    kind: 'number',
    schema: int(1, 9),
    fallback: 6,
    to: ['final.gzipLevel'],
    description: 'gzip level of the details CSV (1 fastest … 9 smallest)',
  }),
  setupFailureShare: row({
    env: ['REPORT_SETUP_FAILURE_SHARE'],
    file: 'setup_failure_share',
    kind: 'number',
    schema: num(0, 1),
    fallback: 0.5,
    to: ['final.setupFailureShare'],
    description:
      'share of account-regions denied sts:AssumeRole above which the run is a setup failure (report published, run failed)',
    rule: 'with no account-region read at all, the run is a setup failure whatever the share',
  }),
  staleDays: row({
    env: ['REPORT_STALE_DAYS'],
    flag: '--stale-days',
    commands: ['run', 'final'],
    file: 'stale_days',
    kind: 'number',
    schema: int(1, 3650),
    fallback: 7,
    to: ['final.staleDays'],
    description:
      'evaluations whose result was recorded more than this many days before the report are stale (Summary count, Non-Compliant flag)',
  }),
  html: row({
    env: ['REPORT_HTML'],
    flag: '--html',
    negation: '--no-html',
    commands: ['run', 'final'],
    file: 'html',
    kind: 'bool',
    schema: bool,
    fallback: true,
    to: ['final.html'],
    description: 'write the self-contained HTML summary (one .html file) beside the workbook',
  }),
  exceptions: row({
    env: ['REPORT_EXCEPTIONS'],
    flag: '--exceptions',
    commands: ['run', 'final'],
    file: 'exceptions',
    kind: 'string',
    schema: text(2048),
    to: ['final.exceptions'],
    description:
      'accepted exceptions file (JSON): a local path, or `store:<key>` for a key in the report store (bucket or folder)',
    defaultText: 'none: no exception applies',
    rule: 'format, patterns and what counts in [report.md](report.md#exceptions); a missing or invalid file stops final mode',
  }),
  ignoreInvalidExceptions: row({
    env: ['REPORT_IGNORE_INVALID_EXCEPTIONS'],
    flag: '--ignore-invalid-exceptions',
    commands: ['run', 'final'],
    file: 'ignore_invalid_exceptions',
    kind: 'bool',
    schema: bool,
    fallback: false,
    to: ['final.ignoreInvalidExceptions'],
    description:
      'write the report without exceptions when the exceptions file is missing or invalid (About and warnings name the problem)',
  }),
  reportWorkers: row({
    env: ['REPORT_WORKERS'],
    file: 'report_workers',
    kind: 'number',
    schema: int(0, 16),
    fallback: () => defaultWorkers(),
    to: ['final.workers'],
    description: 'worker threads for reading shards and writing the CSV and sheets (0: main thread only)',
    defaultText: 'one per CPU, at most 4 (0 with a single CPU)',
  }),
  ownerExtracts: row({
    env: ['REPORT_OWNER_EXTRACTS'],
    flag: '--owner-extracts',
    commands: ['run', 'final'],
    file: 'owner_extracts',
    kind: 'bool',
    schema: bool,
    fallback: false,
    to: ['final.ownerExtracts'],
    description:
      "also write one workbook per owner tag value with that owner's non-compliant items (owners/<name>.xlsx)",
    rule: 'names and keys in [report.md](report.md#per-owner-and-per-account-extracts)',
  }),
  accountExtracts: row({
    env: ['REPORT_ACCOUNT_EXTRACTS'],
    flag: '--account-extracts',
    commands: ['run', 'final'],
    file: 'account_extracts',
    kind: 'bool',
    schema: bool,
    fallback: false,
    to: ['final.accountExtracts'],
    description:
      "also write one workbook per account with that account's non-compliant items (accounts/<id>.xlsx)",
  }),
  notifyTopicArn: row({
    env: ['REPORT_NOTIFY_TOPIC_ARN'],
    flag: '--notify-topic',
    commands: ['run', 'final'],
    file: 'notify_topic_arn',
    kind: 'string',
    schema: matching(
      SNS_TOPIC_ARN_PATTERN,
      'is not a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>, not .fifo)',
    ),
    to: ['final.notify.topicArn'],
    description: 'SNS topic told when final mode published a report (headline and download links) or failed',
    defaultText: 'none: no notification',
    rule: 'a standard SNS topic ARN `arn:aws:sns:<region>:<account>:<name>` (FIFO topics are refused)',
  }),
  linkExpiryDays: row({
    env: ['REPORT_LINK_EXPIRY_DAYS'],
    file: 'link_expiry_days',
    kind: 'number',
    schema: int(1, MAX_LINK_EXPIRY_DAYS),
    fallback: MAX_LINK_EXPIRY_DAYS,
    to: ['final.notify.linkExpiryDays'],
    description:
      "days the notification's presigned download links work (temporary credentials may end them sooner)",
    rule: 'at most 7: a SigV4 presigned URL lives at most one week',
  }),
} as const;
