/**
 * The hub stack as `cdk deploy` would build it from context (stepfunctions topology): storage,
 * function, least privilege, state machine, schedule, alarms, and cdk-nag — one synthesis, without
 * bundling (the asset itself is bundle.test.ts's).
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConfigReportApp } from '../../../infra/lib/configReportApp.js';
import { REPO_ROOT } from '../../../infra/lib/HubFunction.js';
import type { HubStack } from '../../../infra/lib/HubStack.js';
import { ORGANIZATIONS_READ_ACTIONS } from '../../../infra/lib/permissions.js';
import { LAMBDA_TRANSIENT_ERRORS } from '../../../infra/lib/ReportStateMachine.js';
import { definitionFromTemplate, logicalIdsOfType } from '../../../infra/lib/stateMachineDefinition.js';
import {
  acknowledgements,
  actionsOf,
  nagFindings,
  policyStatements,
  resourcesOf,
  SKIP_BUNDLING_CONTEXT,
  SYNTH_TIMEOUT_MS,
  type Synthesized,
} from './helpers/synth.js';

let hub: HubStack;
let template: Template;
let json: Synthesized<HubStack>['json'];
let bucketId: string;
let fnId: string;

beforeAll(() => {
  // Context exactly as `cdk deploy -c key=value` delivers it: strings.
  const app = new App({
    builtinCloudFormationValidation: false,
    context: {
      // The template is all this file reads; bundle.test.ts bundles the function for real.
      ...SKIP_BUNDLING_CONTEXT,
      reportPrefix: 'acme/config',
      organizationId: 'o-abc123defg',
      externalId: 'configreport-ext-1',
      regions: 'eu-west-1,us-east-1',
      maxConcurrency: '7',
      intermediateRetentionDays: '10',
      scheduleExpression: 'cron(30 5 * * ? *)',
      scheduleTimeZone: 'Europe/Berlin',
      alarmEmail: 'ops@example.com',
      hubAccountId: '111122223333',
    },
  });
  hub = buildConfigReportApp(app, {
    CDK_DEFAULT_ACCOUNT: '111122223333',
    CDK_DEFAULT_REGION: 'eu-west-1',
  }).hub;
  template = Template.fromStack(hub); // synthesizes the app, cdk-nag plugin included
  json = template.toJSON() as typeof json;
  bucketId = hub.getLogicalId(hub.storage.bucket.node.defaultChild as never);
  fnId = hub.getLogicalId(hub.hub.fn.node.defaultChild as never);
}, SYNTH_TIMEOUT_MS);

describe('report bucket', () => {
  it('blocks all public access, disables ACLs and encrypts at rest', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue() },
    });
  });

  it('denies every request that is not TLS', () => {
    const policy = Object.values(json.Resources).find(
      (r) =>
        r.Type === 'AWS::S3::BucketPolicy' &&
        JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    );
    expect(policy).toBeDefined();
    const statements = (policy!.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Principal: { AWS: '*' },
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('expires batches/ and plans/ under REPORT_PREFIX after the configured days and keeps report versions', () => {
    const bucket = json.Resources[bucketId]!.Properties;
    const rules = (bucket.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({ Prefix: 'acme/config/batches/', ExpirationInDays: 10, Status: 'Enabled' }),
    );
    expect(rules).toContainEqual(
      expect.objectContaining({ Prefix: 'acme/config/plans/', ExpirationInDays: 10, Status: 'Enabled' }),
    );
    const reports = rules.find((r) => r.Prefix === 'acme/config/reports/');
    expect(reports).toMatchObject({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } });
    expect(reports).not.toHaveProperty('ExpirationInDays');
  });

  it("expires final runs' own folders after 35 days, never the published reports beside them", () => {
    const bucket = json.Resources[bucketId]!.Properties;
    const rules = (bucket.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({
        Prefix: 'acme/config/reports/runs/',
        ExpirationInDays: 35,
        Status: 'Enabled',
      }),
    );
  });
});

describe('function', () => {
  it('runs Node.js on arm64 with the benchmark-sized memory and the Lambda maximum timeout', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 3008,
      Timeout: 900,
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({
          REPORT_BUCKET: { Ref: bucketId },
          REPORT_PREFIX: 'acme/config/',
          CONFIGREPORT_ROLE_NAME: 'configreport-read-role',
          CONFIGREPORT_REGIONS: 'eu-west-1,us-east-1',
        }),
      },
      LoggingConfig: { LogGroup: Match.anyValue() },
    });
  });

  it('logs to its own log group with a retention', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('was synthesized without running esbuild: the asset is the unbundled project root', () => {
    // Guards the speed of this file: a bundled asset would be an asset.<hash> folder in the outdir.
    const asset = hub.hub.fn.node.findChild('Code') as Asset;
    expect(`${asset.assetPath}/`).toBe(REPO_ROOT);
  });
});

describe('least privilege', () => {
  it('grants no wildcard action anywhere in the stack', () => {
    const wildcards = policyStatements(json)
      .filter((s) => s.Effect === 'Allow')
      .flatMap(actionsOf)
      .filter((a) => a.includes('*'));
    expect(wildcards).toEqual([]);
  });

  it('attaches no AWS managed policy to the function role', () => {
    const role = json.Resources[hub.getLogicalId(hub.hub.role.node.defaultChild as never)]!.Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
  });

  it('scopes every S3 grant of the function to the report bucket and its folders', () => {
    const hubPolicy = Object.values(json.Resources).find(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties.Roles).includes(
          hub.getLogicalId(hub.hub.role.node.defaultChild as never),
        ),
    )!;
    const statements = (hubPolicy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.length).toBeGreaterThan(0);
    for (const statement of s3) {
      for (const resource of resourcesOf(statement)) {
        const text = JSON.stringify(resource);
        expect(text).toContain(`"${bucketId}","Arn"`);
        if (!actionsOf(statement).includes('s3:ListBucket'))
          expect(text).toMatch(/\/acme\/config\/(batches|plans|reports)\/\*"/);
      }
    }
    const lists = s3.filter((s) => actionsOf(s).includes('s3:ListBucket'));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.Condition).toEqual({
      StringLike: { 's3:prefix': ['acme/config/batches/*', 'acme/config/plans/*'] },
    });
  });

  it('assumes only the read role name, only inside the organization', () => {
    const assume = policyStatements(json).filter((s) => actionsOf(s).includes('sts:AssumeRole'));
    const hubAssume = assume.filter((s) => JSON.stringify(s.Resource).includes(':iam::*:role/'));
    expect(hubAssume).toHaveLength(1);
    expect(hubAssume[0]!.Resource).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/configreport-read-role']],
    });
    expect(hubAssume[0]!.Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': 'o-abc123defg' } });
  });

  it('reads Organizations for plan mode with exactly the three read actions', () => {
    const orgs = policyStatements(json).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('organizations:')),
    );
    expect(orgs).toHaveLength(1);
    expect(actionsOf(orgs[0]!)).toEqual([...ORGANIZATIONS_READ_ACTIONS]);
  });
});

describe('state machine', () => {
  const definition = () =>
    definitionFromTemplate(json, {
      'AWS::Partition': 'aws',
      [`${fnId}.Arn`]: 'arn:aws:lambda:eu-west-1:111122223333:function:hub',
    }) as { States: Record<string, Record<string, unknown>> };

  it('is a Standard machine with full logging, tracing and a run timeout', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });

  it('fans out over the plan shard ids only, at the configured concurrency, with retries and a catch', () => {
    const map = definition().States.CollectShards!;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.plan.shard_ids',
      MaxConcurrency: 7,
      ResultPath: null,
    });
    const processor = map.ItemProcessor as { States: Record<string, Record<string, unknown>> };
    const task = processor.States.CollectShard!;
    expect(task.Parameters).toEqual({
      mode: 'batch',
      'group_id.$': '$.group_id',
      'shard_id.$': '$.shard_id',
      'role_name.$': '$.role_name',
      'plan_key.$': '$.plan_key',
      external_id: 'configreport-ext-1',
    });
    const retried = (task.Retry as { ErrorEquals: string[] }[]).flatMap((r) => r.ErrorEquals);
    for (const error of LAMBDA_TRANSIENT_ERRORS) expect(retried).toContain(error);
    expect(task.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'ShardFailed' }]);
  });

  it('plans with the configured regions and read role, then runs final for the same group', () => {
    const states = definition().States;
    expect(states.Plan!.Parameters).toEqual({
      mode: 'plan',
      'group_id.$': '$.group_id',
      role_name: 'configreport-read-role',
      shard_size: 25,
      regions: ['eu-west-1', 'us-east-1'],
    });
    expect(states.Plan!.Next).toBe('CollectShards');
    expect(states.CollectShards!.Next).toBe('Final');
    expect(states.Final!.Parameters).toEqual({ mode: 'final', 'group_id.$': '$.group_id' });
  });
});

describe('schedule and alarms', () => {
  it('starts the state machine daily at the configured time zone, passing the scheduled time', () => {
    const [smId] = logicalIdsOfType(json, 'AWS::StepFunctions::StateMachine');
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 5 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { Ref: smId },
        Input: JSON.stringify({ scheduled_time: '<aws.scheduler.scheduled-time>' }),
      }),
    });
  });

  it('alarms on failed and timed-out executions, and on function errors, into an encrypted topic', () => {
    const alarms = Object.values(json.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    const metricNames = JSON.stringify(alarms.map((a) => a.Properties));
    expect(metricNames).toContain('"ExecutionsFailed"');
    expect(metricNames).toContain('"ExecutionsTimedOut"');
    expect(metricNames).toContain('"Errors"');
    const [topicId] = logicalIdsOfType(json, 'AWS::SNS::Topic');
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error or warning', () => {
    expect(nagFindings(hub)).toEqual({ errors: [], warnings: [] });
  });

  it('gives every acknowledgement a written reason', () => {
    const acks = acknowledgements(hub);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) expect(ack.reason.length, `${ack.id} @ ${ack.path}`).toBeGreaterThan(40);
  });
});
