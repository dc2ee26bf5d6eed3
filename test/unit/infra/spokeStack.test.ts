/**
 * The spoke read role: trusts only the hub function's role, optional ExternalId and PrincipalOrgID,
 * exactly the read actions batch mode uses, and a template that a StackSet can deploy as is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ORGANIZATIONS_READ_ACTIONS,
  permissionTable,
  SPOKE_READ_ACTIONS,
} from '../../../infra/lib/permissions.js';
import { SpokeStack } from '../../../infra/lib/SpokeStack.js';
import { nagFindings, synth } from './helpers/synth.js';

const HUB_ROLE = 'arn:aws:iam::111122223333:role/configreport-hub-role';

describe('spoke stack with every option', () => {
  const { template, json, stack } = synth(
    (app) =>
      new SpokeStack(app, 'Spoke', {
        hubRoleArn: HUB_ROLE,
        externalId: 'configreport-ext-1',
        organizationId: 'o-abc123defg',
      }),
  );
  const role = Object.values(json.Resources).find((r) => r.Type === 'AWS::IAM::Role')!.Properties;

  it('creates configreport-read-role trusting only the hub role, with ExternalId and PrincipalOrgID', () => {
    expect(role.RoleName).toBe('configreport-read-role');
    expect(role.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { AWS: HUB_ROLE },
          Condition: {
            StringEquals: { 'sts:ExternalId': 'configreport-ext-1', 'aws:PrincipalOrgID': 'o-abc123defg' },
          },
        },
      ],
    });
  });

  it('allows exactly the batch-mode read actions and nothing else', () => {
    expect(role.ManagedPolicyArns).toBeUndefined();
    const statements = (
      role.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[]
    ).flatMap((p) => p.PolicyDocument.Statement);
    expect(statements).toEqual([
      { Sid: 'ReadConfig', Effect: 'Allow', Action: [...SPOKE_READ_ACTIONS], Resource: '*' },
    ]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  it('is a plain template: no assets, no bootstrap-version rule or parameter', () => {
    expect(json.Rules).toBeUndefined();
    expect(json.Parameters).toBeUndefined();
    expect(Object.keys(json.Resources)).toHaveLength(1);
  });

  it('is cdk-nag clean, with the Resource::* finding acknowledged for a reason', () => {
    expect(nagFindings(stack)).toEqual({ errors: [], warnings: [] });
  });
});

describe('spoke stack for a StackSet without a hub role ARN', () => {
  const { json } = synth((app) => new SpokeStack(app, 'Spoke', { readRoleName: 'acme-config-reader' }));

  it('asks for the hub role ARN as a validated CloudFormation parameter and sets no conditions', () => {
    const parameter = (json.Parameters as Record<string, Record<string, unknown>>).HubRoleArn!;
    expect(parameter.Type).toBe('String');
    expect(new RegExp(parameter.AllowedPattern as string).test(HUB_ROLE)).toBe(true);
    expect(new RegExp(parameter.AllowedPattern as string).test('*')).toBe(false);
    const role = Object.values(json.Resources).find((r) => r.Type === 'AWS::IAM::Role')!.Properties;
    expect(role.RoleName).toBe('acme-config-reader');
    const [statement] = (role.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(statement!.Principal).toEqual({ AWS: { Ref: 'HubRoleArn' } });
    expect(statement!.Condition).toBeUndefined();
  });
});

describe('spoke stack validation', () => {
  it.each([
    [{ hubRoleArn: 'arn:aws:iam::111122223333:user/alice' }, /hubRoleArn/],
    [{ hubRoleArn: HUB_ROLE, externalId: 'x' }, /externalId/],
    [{ hubRoleArn: HUB_ROLE, organizationId: 'org-1' }, /organizationId/],
  ])('rejects %j naming the setting', (props, message) => {
    expect(() => synth((app) => new SpokeStack(app, 'Spoke', props))).toThrow(message);
  });
});

describe('docs/deploy.md', () => {
  it('lists every action the stacks grant', () => {
    const doc = readFileSync(new URL('../../../docs/deploy.md', import.meta.url), 'utf8');
    const actions = new Set([
      ...SPOKE_READ_ACTIONS,
      ...ORGANIZATIONS_READ_ACTIONS,
      ...permissionTable().flatMap((row) => row.actions),
    ]);
    const missing = [...actions].filter((a) => !doc.includes(`\`${a}\``));
    expect(missing).toEqual([]);
  });
});
