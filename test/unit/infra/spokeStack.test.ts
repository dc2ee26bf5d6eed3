/**
 * The spoke read role: trusted by the hub function's role (and the extra principals of
 * spokeTrust.test.ts), exactly the read actions batch mode uses, and a template that a StackSet can
 * deploy as is — with the extra principals as parameters when they are not known at synth time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ORGANIZATIONS_READ_ACTIONS,
  permissionTable,
  SPOKE_READ_ACTIONS,
} from '../../../infra/lib/permissions.js';
import { SpokeStack } from '../../../infra/lib/SpokeStack.js';
import {
  IDENTITY_CENTER_ROLE_ARN_PATTERN,
  parseTrustedPrincipal,
  TRUSTED_ACCOUNTS_PARAMETER_PATTERN,
  TRUSTED_PRINCIPALS_PARAMETER_PATTERN,
} from '../../../infra/lib/trust.js';
import { ROLE_ARN_PATTERN } from '../../../src/core/ids.js';
import { cfnEvaluate, cfnRulesHold } from './helpers/cfnEval.js';
import { nagFindings, synth } from './helpers/synth.js';

const HUB_ROLE = 'arn:aws:iam::111122223333:role/configreport-hub-role';
const CI_ROLE = 'arn:aws:iam::222233334444:role/ci/configreport-runner';
const SSO_PATTERN =
  'arn:aws:iam::999988887777:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ConfigReportRun_*';

describe('spoke stack with every option', () => {
  const { template, json, stack } = synth(
    (app) =>
      new SpokeStack(app, 'Spoke', {
        hubRoleArn: HUB_ROLE,
        externalId: 'configreport-ext-1',
        organizationId: 'o-abc123defg',
        trustedPrincipals: [],
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

describe('spoke stack for a StackSet without a hub role ARN or extra principals', () => {
  const { json, stack } = synth(
    (app) =>
      new SpokeStack(app, 'Spoke', { readRoleName: 'acme-config-reader', organizationId: 'o-abc123defg' }),
  );
  const parameters = json.Parameters as Record<string, Record<string, unknown>>;
  const role = Object.values(json.Resources).find((r) => r.Type === 'AWS::IAM::Role')!.Properties;
  const allowed = (name: string, value: string) =>
    new RegExp(parameters[name]!.AllowedPattern as string).test(value);
  /** The trust policy CloudFormation would deploy for these parameter values (rules must hold). */
  const deployed = (values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) expect(allowed(name, value), name).toBe(true);
    expect(cfnRulesHold(json, values)).toBe(true);
    return cfnEvaluate(json, values, role.AssumeRolePolicyDocument);
  };
  const hubStatement = {
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Principal: { AWS: HUB_ROLE },
    Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123defg' } },
  };

  it('asks for the hub role ARN as a validated CloudFormation parameter', () => {
    expect(parameters.HubRoleArn!.Type).toBe('String');
    expect(allowed('HubRoleArn', HUB_ROLE)).toBe(true);
    expect(allowed('HubRoleArn', '*')).toBe(false);
    expect(role.RoleName).toBe('acme-config-reader');
    const [statement] = (role.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    expect(statement!.Principal).toEqual({ AWS: { Ref: 'HubRoleArn' } });
  });

  it('takes the extra principals as two comma-list parameters, both empty by default', () => {
    expect(parameters.TrustedPrincipals).toMatchObject({ Type: 'String', Default: '' });
    expect(parameters.TrustedPrincipalAccounts).toMatchObject({ Type: 'String', Default: '' });
  });

  it('trusts only the hub while TrustedPrincipals is empty', () => {
    expect(deployed({ HubRoleArn: HUB_ROLE })).toEqual({ Version: '2012-10-17', Statement: [hubStatement] });
  });

  it('trusts the listed roles and patterns in the listed accounts, with the same conditions', () => {
    const values = {
      HubRoleArn: HUB_ROLE,
      TrustedPrincipals: `${CI_ROLE},${SSO_PATTERN}`,
      TrustedPrincipalAccounts: '222233334444,999988887777',
    };
    expect(deployed(values)).toEqual({
      Version: '2012-10-17',
      Statement: [
        hubStatement,
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { AWS: ['222233334444', '999988887777'] },
          Condition: {
            StringEquals: { 'aws:PrincipalOrgID': 'o-abc123defg' },
            ArnLike: { 'aws:PrincipalArn': [CI_ROLE, SSO_PATTERN] },
          },
        },
      ],
    });
  });

  it('refuses one list without the other (a template rule)', () => {
    expect(cfnRulesHold(json, { TrustedPrincipals: CI_ROLE })).toBe(false);
    expect(cfnRulesHold(json, { TrustedPrincipalAccounts: '222233334444' })).toBe(false);
  });

  it('accepts in TrustedPrincipals exactly the entries the trustedPrincipals prop accepts', () => {
    const sso = 'arn:aws:iam::999988887777:role/aws-reserved/sso.amazonaws.com';
    const entries = [
      CI_ROLE,
      SSO_PATTERN,
      `${sso}/AWSReservedSSO_Run_*`,
      `${sso}/us-gov-west-1/AWSReservedSSO_A+b=c.d@e-f_*`,
      'arn:aws-cn:iam::111122223333:role/x',
      '*',
      'arn:aws:iam::111122223333:role/*',
      `${sso}/*/AWSReservedSSO_Run_*`,
      `${sso}/eu-west-1/AWSReservedSSO_*`,
      `${sso}/eu-west-1/AWSReservedSSO_Run_0123456789abcdef`,
      `${sso}/eu-west-1/AWSReservedSSO_Run_`,
      'arn:aws:iam::111122223333:user/alice',
      'arn:aws:iam::11112222333:role/x',
    ];
    const propAccepts = (entry: string) => {
      try {
        parseTrustedPrincipal(entry, 'trustedPrincipals');
        return true;
      } catch {
        return false;
      }
    };
    for (const entry of entries) expect(allowed('TrustedPrincipals', entry), entry).toBe(propAccepts(entry));
    expect(allowed('TrustedPrincipals', `${CI_ROLE},${SSO_PATTERN},${CI_ROLE}`)).toBe(true);
    expect(allowed('TrustedPrincipals', `${CI_ROLE}, ${SSO_PATTERN}`)).toBe(false);
    expect(allowed('TrustedPrincipals', `${CI_ROLE},`)).toBe(false);
    expect(allowed('TrustedPrincipalAccounts', '222233334444,999988887777')).toBe(true);
    expect(allowed('TrustedPrincipalAccounts', '2222333344,')).toBe(false);
  });

  it('composes its patterns from the shared ones: every accepted entry is a role ARN', () => {
    expect(parameters.TrustedPrincipals!.AllowedPattern).toBe(TRUSTED_PRINCIPALS_PARAMETER_PATTERN);
    expect(parameters.TrustedPrincipalAccounts!.AllowedPattern).toBe(TRUSTED_ACCOUNTS_PARAMETER_PATTERN);
    expect(ROLE_ARN_PATTERN.test(SSO_PATTERN.replace(/\*$/, 'suffix'))).toBe(true);
    expect(IDENTITY_CENTER_ROLE_ARN_PATTERN.test(SSO_PATTERN)).toBe(true);
  });

  it('is cdk-nag clean', () => {
    expect(nagFindings(stack)).toEqual({ errors: [], warnings: [] });
  });
});

describe('spoke stack validation', () => {
  it.each([
    [{ hubRoleArn: 'arn:aws:iam::111122223333:user/alice' }, /hubRoleArn/],
    [{ hubRoleArn: HUB_ROLE, externalId: 'x' }, /externalId/],
    [{ hubRoleArn: HUB_ROLE, organizationId: 'org-1' }, /organizationId/],
    [{ hubRoleArn: HUB_ROLE, readRoleName: 'bad role' }, /readRoleName/],
    [{ hubRoleArn: HUB_ROLE, trustedPrincipals: ['arn:aws:iam::1:role/x'] }, /trustedPrincipals/],
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
