/**
 * The one Lambda function (modes plan, batch and final), its log group and its least-privilege role.
 * Bundled locally with esbuild (no Docker): ESM output for Node.js, every dependency bundled so the
 * deployed code runs the exact SDK versions the tests ran.
 */
import { fileURLToPath } from 'node:url';
import { Aws, type CfnElement, Duration, RemovalPolicy, Size, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  FOLDERS,
  HUB_INTERMEDIATE_OBJECT_ACTIONS,
  HUB_REPORT_OBJECT_ACTIONS,
  ORGANIZATIONS_READ_ACTIONS,
} from './permissions.js';
import type { ReportBucket } from './ReportBucket.js';
import type { HubSettings } from './settings.js';
import { finalWorkerBundleCommands } from './workerBundle.js';

/** The repository root (infra/lib → ../../). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The runtime: the newest Node.js Lambda offers (cdk-nag L1); the code itself needs Node.js 22+. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;
/** The esbuild target matching {@link FUNCTION_RUNTIME}. */
export const FUNCTION_ESBUILD_TARGET = 'node24';

/** Props of {@link HubFunction}. */
export interface HubFunctionProps {
  readonly settings: HubSettings;
  readonly storage: ReportBucket;
}

/** The hub function with its role and log group. */
export class HubFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HubFunctionProps) {
    super(scope, id);
    const { settings, storage } = props;

    this.role = new iam.Role(this, 'Role', {
      roleName: settings.hubRoleName,
      description: 'configreport hub function: assumes the read role in spoke accounts, writes reports',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      maxSessionDuration: Duration.hours(1),
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: settings.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.grant(settings, storage);

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      description: 'configreport: plan / batch / final modes of the AWS Config compliance report',
      entry: `${REPO_ROOT}src/entry/lambda.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: settings.memoryMiB,
      timeout: Duration.seconds(settings.timeoutSeconds),
      // The reducer may spill to /tmp when a group is very large; 1 GiB costs next to nothing.
      ephemeralStorageSize: Size.mebibytes(1024),
      role: this.role,
      logGroup: this.logGroup,
      ...(settings.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: settings.reservedConcurrency }),
      environment: {
        ...settings.environment,
        REPORT_BUCKET: storage.bucket.bucketName,
        REPORT_PREFIX: settings.reportPrefix,
        // The same defaults the events carry, so a hand-made invocation behaves like a scheduled one.
        CONFIGREPORT_ROLE_NAME: settings.readRoleName,
        PLAN_SHARD_SIZE: String(settings.shardSize),
        ...(settings.regions ? { CONFIGREPORT_REGIONS: settings.regions.join(',') } : {}),
        ...(settings.organizationsRoleArn ? { ORGANIZATIONS_ROLE_ARN: settings.organizationsRoleArn } : {}),
        POWERTOOLS_SERVICE_NAME: 'configreport',
        POWERTOOLS_LOG_LEVEL: settings.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        mainFields: ['module', 'main'],
        // Bundle the SDK too: the runtime's copy may be older than the one the tests ran against.
        externalModules: [],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Some CommonJS dependencies call require() for Node built-ins; ESM has no require.
        banner:
          "import { createRequire as __configreportCreateRequire } from 'node:module';" +
          'const require = __configreportCreateRequire(import.meta.url);',
        // Final mode's worker-thread entry goes into the same asset (see workerBundle.ts).
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) =>
            finalWorkerBundleCommands(inputDir, outputDir, FUNCTION_ESBUILD_TARGET),
        },
      },
    });
  }

  /** Every permission the function needs, and nothing else. */
  private grant(settings: HubSettings, storage: ReportBucket): void {
    const { bucket, key } = storage;
    const prefix = settings.reportPrefix;
    const role = this.role;

    // The account ids are known only at run time, so the resource names every account; the condition
    // keeps the grant inside the organization (a role of that name elsewhere is out of reach).
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeSpokeReadRole',
        actions: ['sts:AssumeRole'],
        resources: [`arn:${Aws.PARTITION}:iam::*:role/${settings.readRoleName}`],
        conditions: { StringEquals: { 'aws:ResourceOrgID': settings.organizationId } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'IntermediateObjects',
        actions: [...HUB_INTERMEDIATE_OBJECT_ACTIONS],
        resources: [FOLDERS.batches, FOLDERS.plans].map((f) => bucket.arnForObjects(`${prefix}${f}*`)),
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReportObjects',
        actions: [...HUB_REPORT_OBJECT_ACTIONS],
        resources: [bucket.arnForObjects(`${prefix}${FOLDERS.reports}*`)],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListOwnFolders',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: {
          StringLike: { 's3:prefix': [FOLDERS.batches, FOLDERS.plans].map((f) => `${prefix}${f}*`) },
        },
      }),
    );
    if (settings.topology === 'seed') {
      // Without a plan, final mode asks whether plans/<group>/manifest.json exists (HeadObject). S3
      // answers a missing key with 404 only to a caller allowed to list the bucket with no prefix;
      // under the prefix-scoped grant above it answers 403 and final fails. The bucket holds only
      // this stack's own objects, so the key names this reveals are the function's own.
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'NotFoundAnswers',
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { Null: { 's3:prefix': 'true' } },
        }),
      );
    }
    if (key) {
      role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'BucketKey',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [key.keyArn],
        }),
      );
    }
    // Only plan mode reads Organizations, and the seed topology never plans.
    if (settings.topology === 'stepfunctions') {
      role.addToPolicy(
        settings.organizationsRoleArn
          ? new iam.PolicyStatement({
              sid: 'AssumeOrganizationsRole',
              actions: ['sts:AssumeRole'],
              resources: [settings.organizationsRoleArn],
            })
          : new iam.PolicyStatement({
              sid: 'ReadOrganization',
              actions: [...ORGANIZATIONS_READ_ACTIONS],
              resources: ['*'],
            }),
      );
    }
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.acknowledgeWildcards(settings, storage);
  }

  /** Each wildcard finding is acknowledged with the reason it is as narrow as IAM allows. */
  private acknowledgeWildcards(settings: HubSettings, storage: ReportBucket): void {
    const policy = this.role.node.findChild('DefaultPolicy');
    const ack = (finding: string, reason: string) =>
      Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
    const bucketId = Stack.of(this).getLogicalId(storage.bucket.node.defaultChild as CfnElement);
    ack(
      `Resource::arn:<AWS::Partition>:iam::*:role/${settings.readRoleName}`,
      'The read role exists in every member account, whose ids are only known at run time (plan mode); ' +
        'the role name is fixed and aws:ResourceOrgID limits the grant to accounts of the organization.',
    );
    for (const folder of [FOLDERS.batches, FOLDERS.plans, FOLDERS.reports]) {
      ack(
        `Resource::<${bucketId}.Arn>/${settings.reportPrefix}${folder}*`,
        `Object keys under ${folder} are built at run time from the group and shard ids; the grant is ` +
          'limited to that folder of the report bucket.',
      );
    }
    if (settings.topology === 'stepfunctions' && !settings.organizationsRoleArn) {
      ack(
        'Resource::*',
        'organizations:ListAccounts and DescribeOrganization support no resource-level permissions, and ' +
          'account ARNs for ListTagsForResource contain the organization id, unknown at deploy time.',
      );
    }
  }
}
