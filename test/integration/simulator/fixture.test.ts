/**
 * A hand-written fixture org served over the wire: exactly its rules and evaluations come back,
 * its roles' trust and ExternalId apply, and the hidden-rule fault removes results from the API
 * and from the ground truth alike.
 */
import {
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecorderStatusCommand,
  GetComplianceDetailsByConfigRuleCommand,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, type SimFixture, startSimulator } from '../../../simulator/index.js';
import { assume, configClient, errorOf, orgsClient, stsClient } from './clients.js';

const HUB = '111111111111';
const PROD = '222222222222';
const DEV = '333333333333';

const fixture: SimFixture = {
  hubAccountId: HUB,
  regions: ['eu-central-1'],
  accounts: [
    { id: HUB, name: 'management' },
    {
      id: PROD,
      name: 'prod-payments-01',
      tags: { environment: 'prod' },
      roles: [{ name: 'configreport-read-role', externalId: 'payments-ext' }],
      regions: {
        'eu-central-1': {
          resources: [
            {
              type: 'AWS::S3::Bucket',
              id: 'invoices',
              tags: { 'mox.owner': 'alice@example.com', 'mox.team': 'payments' },
            },
            { type: 'AWS::S3::Bucket', id: 'tmp' },
          ],
          rules: [
            {
              name: 's3-bucket-versioning-enabled',
              resourceTypes: ['AWS::S3::Bucket'],
              evaluations: [
                { resourceType: 'AWS::S3::Bucket', resourceId: 'invoices', complianceType: 'COMPLIANT' },
                {
                  resourceType: 'AWS::S3::Bucket',
                  resourceId: 'tmp',
                  complianceType: 'NON_COMPLIANT',
                  annotation: 'Versioning is off.',
                },
              ],
            },
            {
              name: 'custom-retention',
              owner: 'CUSTOM_LAMBDA',
              evaluations: [
                { resourceType: 'AWS::S3::Bucket', resourceId: 'tmp', complianceType: 'NOT_APPLICABLE' },
              ],
            },
          ],
        },
      },
    },
    {
      id: DEV,
      name: 'dev-payments-01',
      roles: [{ name: 'configreport-read-role', trustedAccounts: [PROD], maxSessionDurationSeconds: 7200 }],
      regions: { 'eu-central-1': { recorder: 'stopped' } },
    },
  ],
};

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ fixture, s3: false });
});
afterAll(() => sim.stop());

describe('a fixture org over the wire', () => {
  it('serves exactly the fixture: accounts, rules, evaluations, tags', async () => {
    expect(sim.region).toBe('eu-central-1');
    const accounts = await orgsClient(sim).send(new ListAccountsCommand({}));
    expect(accounts.Accounts?.map((a) => a.Name)).toEqual([
      'management',
      'prod-payments-01',
      'dev-payments-01',
    ]);
    const client = configClient(sim, await assume(sim, PROD, { ExternalId: 'payments-ext' }));
    const rules = await client.send(new DescribeConfigRulesCommand({}));
    expect(rules.ConfigRules?.map((r) => r.ConfigRuleName)).toEqual([
      's3-bucket-versioning-enabled',
      'custom-retention',
    ]);
    const details = await client.send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 's3-bucket-versioning-enabled' }),
    );
    expect(
      details.EvaluationResults?.map((r) => [
        r.EvaluationResultIdentifier?.EvaluationResultQualifier?.ResourceId,
        r.ComplianceType,
        r.Annotation,
      ]),
    ).toEqual([
      ['invoices', 'COMPLIANT', undefined],
      ['tmp', 'NON_COMPLIANT', 'Versioning is off.'],
    ]);
    const rows = await client.send(
      new SelectResourceConfigCommand({
        Expression: "SELECT resourceId, tags WHERE resourceType = 'AWS::S3::Bucket'",
      }),
    );
    expect(rows.Results?.map((r) => JSON.parse(r))).toEqual([
      {
        resourceId: 'invoices',
        tags: [
          { key: 'mox.owner', value: 'alice@example.com' },
          { key: 'mox.team', value: 'payments' },
        ],
      },
      { resourceId: 'tmp', tags: [] },
    ]);
    // Prod's role requires an ExternalId: only a collector that presents it can read prod.
    expect(sim.groundTruth({ externalId: 'payments-ext' })).toHaveLength(3);
    expect(sim.groundTruth()).toEqual([]);
  });

  it("applies each role's trust: ExternalId for prod, only prod may assume dev's role", async () => {
    expect((await errorOf(() => assume(sim, PROD))).name).toBe('AccessDenied');
    expect((await errorOf(() => assume(sim, DEV))).name).toBe('AccessDenied');
  });

  it('reads a region the fixture did not list as Config not enabled, and a stopped recorder as stopped', async () => {
    const hub = configClient(sim, { accessKeyId: 'test', secretAccessKey: 'test' });
    expect(
      (await hub.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus,
    ).toEqual([]);
    // dev trusts prod only: reach it by chaining from a prod session (capped at one hour).
    const prod = await assume(sim, PROD, { ExternalId: 'payments-ext' });
    const chained = await stsClient(sim, prod).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${DEV}:role/configreport-read-role`,
        RoleSessionName: 'chain',
      }),
    );
    const c = chained.Credentials!;
    const dev = configClient(sim, {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    });
    const status = await dev.send(new DescribeConfigurationRecorderStatusCommand({}));
    expect(status.ConfigurationRecordersStatus?.[0]?.recording).toBe(false);
    const tooLong = await errorOf(() =>
      stsClient(sim, prod).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${DEV}:role/configreport-read-role`,
          RoleSessionName: 'chain',
          DurationSeconds: 3601,
        }),
      ),
    );
    expect(tooLong.name).toBe('ValidationError');
    expect(tooLong.message).toContain('role chaining');
  });

  it('hides a rule at run time from the API and from the ground truth', async () => {
    const client = configClient(sim, await assume(sim, PROD, { ExternalId: 'payments-ext' }));
    sim.setRuleHidden(PROD, undefined, 's3-bucket-versioning-enabled');
    const details = await client.send(
      new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 's3-bucket-versioning-enabled' }),
    );
    expect(details.EvaluationResults).toEqual([]);
    const summary = await client.send(
      new DescribeComplianceByConfigRuleCommand({ ConfigRuleNames: ['s3-bucket-versioning-enabled'] }),
    );
    expect(summary.ComplianceByConfigRules?.[0]?.Compliance?.ComplianceType).toBe('INSUFFICIENT_DATA');
    const truth = (ignoreFaults = false) => sim.groundTruth({ externalId: 'payments-ext', ignoreFaults });
    expect(truth().map((e) => e.ruleName)).toEqual(['custom-retention']);
    expect(truth(true)).toHaveLength(3);
    sim.setRuleHidden(PROD, undefined, 's3-bucket-versioning-enabled', false);
    expect(truth()).toHaveLength(3);
  });
});
