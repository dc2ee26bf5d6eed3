/**
 * Every IAM action the deployment grants, in one place, so the stacks, their tests and docs/deploy.md
 * cannot drift apart. Nothing here uses a wildcard action.
 */

/** Default name of the read role in every spoke (member) account. */
export const DEFAULT_READ_ROLE_NAME = 'configreport-read-role';

/** Default name of the hub function's execution role (fixed so spokes can trust it before it exists). */
export const DEFAULT_HUB_ROLE_NAME = 'configreport-hub-role';

/**
 * What batch mode calls inside a spoke account, through the read role (per region).
 * - DescribeConfigurationRecorders / DescribeConfigurationRecorderStatus: is Config on, is it recording?
 * - DescribeConfigRules: every rule, all pages.
 * - GetComplianceDetailsByConfigRule: every evaluation of every rule, all pages.
 * - SelectResourceConfig: the ownership tags of evaluated resources, in batched advanced queries.
 * - DescribeConformancePacks / DescribeConformancePackCompliance: which conformance pack each rule
 *   belongs to, and the compliance Config reports for the pack's rules.
 */
export const SPOKE_READ_ACTIONS = [
  'config:DescribeConfigRules',
  'config:GetComplianceDetailsByConfigRule',
  'config:DescribeConfigurationRecorders',
  'config:DescribeConfigurationRecorderStatus',
  'config:SelectResourceConfig',
  'config:DescribeConformancePacks',
  'config:DescribeConformancePackCompliance',
] as const;

/**
 * What plan mode calls in the management (or delegated-admin) account to find the accounts and
 * their OU paths (ListParents, DescribeOrganizationalUnit; without them the plan still works and
 * says the OU paths are missing).
 */
export const ORGANIZATIONS_READ_ACTIONS = [
  'organizations:ListAccounts',
  'organizations:ListTagsForResource',
  'organizations:DescribeOrganization',
  'organizations:ListParents',
  'organizations:DescribeOrganizationalUnit',
] as const;

/**
 * S3 object actions on `batches/` and `plans/`: written by batch/plan, read back by batch/final. Large
 * shards are uploaded in parts; AbortMultipartUpload lets a failed upload clean up its parts.
 */
export const HUB_INTERMEDIATE_OBJECT_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:AbortMultipartUpload',
] as const;

/**
 * S3 object actions on `reports/`: the workbook and its companions are written (in parts, hence
 * AbortMultipartUpload so a failed upload leaves no orphaned parts) and read back: publishing
 * streams the run folder's workbook to the well-known key, and the download links of a
 * notification are presigned GETs, which S3 authorizes as this role.
 */
export const HUB_REPORT_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'] as const;

/** Final mode tells the report topic (only with `notifyEmail` or `notifyTopicArn`). */
export const NOTIFY_PUBLISH_ACTIONS = ['sns:Publish'] as const;

/** What publishing to a KMS-encrypted topic takes on its key (a data key per message). */
export const NOTIFY_TOPIC_KEY_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/** Storage folders under REPORT_PREFIX (the layout in src/core/keys.ts). */
export const FOLDERS = { batches: 'batches/', plans: 'plans/', reports: 'reports/' } as const;

/** One row of the permissions table in docs/deploy.md. */
export interface PermissionRow {
  principal: 'hub function role' | 'spoke read role' | 'state machine role' | 'scheduler role';
  actions: readonly string[];
  resource: string;
  why: string;
}

/** The permissions table (docs/deploy.md prints the same rows; a unit test keeps them in step). */
export function permissionTable(readRoleName = DEFAULT_READ_ROLE_NAME): PermissionRow[] {
  return [
    {
      principal: 'hub function role',
      actions: ['sts:AssumeRole'],
      resource: `arn:<partition>:iam::*:role/${readRoleName}`,
      why: 'read each spoke account, only roles in accounts of your organization (aws:ResourceOrgID)',
    },
    {
      principal: 'hub function role',
      actions: [...HUB_INTERMEDIATE_OBJECT_ACTIONS],
      resource: '<bucket>/<prefix>batches/*, <bucket>/<prefix>plans/*',
      why: 'write shard files and the plan manifest, read them back in batch/final',
    },
    {
      principal: 'hub function role',
      actions: [...HUB_REPORT_OBJECT_ACTIONS],
      resource: '<bucket>/<prefix>reports/*',
      why: 'write the workbook and its CSV/JSON companions, publish them, sign download links',
    },
    {
      principal: 'hub function role',
      actions: [...NOTIFY_PUBLISH_ACTIONS],
      resource: 'the report topic (only with notifyEmail or notifyTopicArn)',
      why: 'tell people the report is out, or that final mode failed',
    },
    {
      principal: 'hub function role',
      actions: [...NOTIFY_TOPIC_KEY_ACTIONS],
      resource: "the report topic's KMS key (the stack's, or notifyTopicKeyArn)",
      why: 'publish to an encrypted topic',
    },
    {
      principal: 'hub function role',
      actions: ['s3:ListBucket'],
      resource: '<bucket>, only with s3:prefix under <prefix>batches/, plans/ or reports/',
      why: 'final mode lists the shards of a group',
    },
    {
      principal: 'hub function role',
      actions: [...ORGANIZATIONS_READ_ACTIONS],
      resource: '* (these actions take no narrower resource for ListAccounts/DescribeOrganization)',
      why: 'plan mode finds accounts; omitted when organizationsRoleArn is set',
    },
    {
      principal: 'hub function role',
      actions: ['sts:AssumeRole'],
      resource: '<organizationsRoleArn> (only when set)',
      why: 'plan mode reads Organizations through a role in the management/delegated-admin account',
    },
    {
      principal: 'hub function role',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resource: 'the function log group',
      why: 'function logs',
    },
    {
      principal: 'spoke read role',
      actions: [...SPOKE_READ_ACTIONS],
      resource: '*',
      why: 'batch mode reads Config recorder state, rules, evaluations, resource tags and conformance packs',
    },
    {
      principal: 'state machine role',
      actions: ['lambda:InvokeFunction'],
      resource: 'the hub function (and its versions)',
      why: 'run plan, batch and final',
    },
    {
      principal: 'state machine role',
      actions: ['events:PutEvents'],
      resource: 'the default event bus of the hub account and region',
      why: 'the "ConfigReport Ready" and "ConfigReport Failed" events',
    },
    {
      principal: 'scheduler role',
      actions: ['states:StartExecution', 'lambda:InvokeFunction'],
      resource: 'the state machine (stepfunctions topology) or the function (seed topology)',
      why: 'start the daily run',
    },
  ];
}
