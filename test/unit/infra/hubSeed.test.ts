/**
 * The seed topology: EventBridge Scheduler invokes the function with static shard payloads in the
 * seed's event shape, and later with `{"mode": "final"}`; no plan and no state machine. Also covers
 * the KMS-encrypted bucket and switched-off access logs. One synthesis.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HubStack } from '../../../infra/lib/HubStack.js';
import { parseEvent } from '../../../src/core/event.js';
import {
  acknowledgements,
  actionsOf,
  nagFindings,
  policyStatements,
  SYNTH_TIMEOUT_MS,
  type Synthesized,
  synth,
  TEST_ORGANIZATION_ID,
} from './helpers/synth.js';

const accounts = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'].map(
  (id, i) => ({ account_id: id, account_name: i === 0 ? 'prod-app-01' : `dev-${i}` }),
);

let result: Synthesized<HubStack>;
let schedules: Record<string, unknown>[];

beforeAll(() => {
  result = synth(
    (app) =>
      new HubStack(app, 'SeedHub', {
        topology: 'seed',
        organizationId: TEST_ORGANIZATION_ID,
        encryption: 'kms',
        serverAccessLogs: false,
        scheduleExpression: 'cron(15 4 * * ? *)',
        seed: { accounts, shardSize: 2 },
      }),
  );
  schedules = Object.values(result.json.Resources)
    .filter((r) => r.Type === 'AWS::Scheduler::Schedule')
    .map((r) => r.Properties);
}, SYNTH_TIMEOUT_MS);

describe('seed topology', () => {
  it('has no state machine and no plan: shards are static', () => {
    result.template.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
  });

  it('schedules one batch per shard of the configured accounts, in the seed event shape', () => {
    const fnId = result.stack.getLogicalId(result.stack.hub.fn.node.defaultChild as never);
    const batches = schedules
      .map((s) => ({ s, input: JSON.parse((s.Target as { Input: string }).Input) }))
      .filter(({ input }) => input.mode === 'batch');
    expect(batches.map(({ input }) => input.shard_id)).toEqual(['01', '02', '03']);
    expect(
      batches.flatMap(({ input }) => input.accounts.map((a: { account_id: string }) => a.account_id)),
    ).toEqual(accounts.map((a) => a.account_id));
    for (const { s, input } of batches) {
      expect(s.ScheduleExpression).toBe('cron(15 4 * * ? *)');
      expect((s.Target as { Arn: unknown }).Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
      expect(Object.keys(input).sort()).toEqual(['accounts', 'group_id', 'mode', 'role_name', 'shard_id']);
      // The Lambda's own validator accepts every payload as is.
      expect(() => parseEvent(input)).not.toThrow();
    }
  });

  it('schedules the final merge one hour after the batches, for the same group', () => {
    const finals = schedules.filter(
      (s) => JSON.parse((s.Target as { Input: string }).Input).mode === 'final',
    );
    expect(finals).toHaveLength(1);
    expect(finals[0]!.ScheduleExpression).toBe('cron(15 5 * * ? *)');
    expect(JSON.parse((finals[0]!.Target as { Input: string }).Input)).toEqual({
      mode: 'final',
      group_id: 'daily',
    });
  });

  it('grants the function no Organizations access (the seed topology never plans)', () => {
    const actions = policyStatements(result.json).flatMap(actionsOf);
    expect(actions.filter((a) => a.startsWith('organizations:'))).toEqual([]);
  });

  it('assumes the read role only inside the organization, as the Step Functions topology does', () => {
    const assume = policyStatements(result.json).filter((s) => actionsOf(s).includes('sts:AssumeRole'));
    expect(assume.map((s) => s.Condition)).toEqual([
      { StringEquals: { 'aws:ResourceOrgID': TEST_ORGANIZATION_ID } },
    ]);
  });

  it('lets final mode tell a missing plan (404) from a denied one (403) with a no-prefix list grant', () => {
    const lists = policyStatements(result.json).filter((s) => actionsOf(s).includes('s3:ListBucket'));
    expect(lists.map((s) => s.Condition)).toEqual([
      { StringLike: { 's3:prefix': ['batches/*', 'plans/*'] } },
      { Null: { 's3:prefix': 'true' } },
    ]);
  });

  it('alarms on function errors (there are no executions to watch)', () => {
    result.template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    result.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors' });
  });
});

describe('KMS encryption and access logs switched off', () => {
  it('encrypts the bucket with a rotating customer key the function may use', () => {
    result.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    result.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
          }),
        ],
      },
    });
    const kms = policyStatements(result.json).filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')));
    expect(kms.flatMap(actionsOf).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  it('creates no log bucket and acknowledges AwsSolutions-S1 with a reason', () => {
    result.template.resourceCountIs('AWS::S3::Bucket', 1);
    const s1 = acknowledgements(result.stack).filter((a) => a.id === 'AwsSolutions-S1');
    expect(s1).toHaveLength(1);
    expect(s1[0]!.reason).toMatch(/serverAccessLogs/);
  });

  it('is cdk-nag clean', () => {
    expect(nagFindings(result.stack)).toEqual({ errors: [], warnings: [] });
  });
});
