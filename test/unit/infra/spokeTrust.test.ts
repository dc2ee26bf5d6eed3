/**
 * Who may assume the read role: the hub function's role, plus the extra principals that make
 * `configreport run` work from a laptop (an IAM Identity Center permission set) or CI (a role), each
 * held to the same ExternalId and PrincipalOrgID conditions. Exact statements, as synthesized.
 */
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { SpokeStack, type SpokeStackProps } from '../../../infra/lib/SpokeStack.js';
import { nagFindings, synth } from './helpers/synth.js';

const HUB_ROLE = 'arn:aws:iam::111122223333:role/configreport-hub-role';
const CI_ROLE = 'arn:aws:iam::222233334444:role/ci/configreport-runner';
const SSO_PATTERN =
  'arn:aws:iam::999988887777:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ConfigReportRun_*';
const EXTERNAL_ID = 'configreport-ext-1';
const ORG = 'o-abc123defg';

type Statement = Record<string, unknown>;

/** The trust policy of the one role of a spoke synthesized with `props`. */
function trustPolicy(props: SpokeStackProps): { Version: string; Statement: Statement[] } {
  const { json } = synth((app) => new SpokeStack(app, 'Spoke', props));
  const role = Object.values(json.Resources).find((r) => r.Type === 'AWS::IAM::Role')!;
  return role.Properties.AssumeRolePolicyDocument as { Version: string; Statement: Statement[] };
}

const CONDITION_SETS = [
  ['no conditions', {}, undefined],
  ['an ExternalId', { externalId: EXTERNAL_ID }, { 'sts:ExternalId': EXTERNAL_ID }],
  ['an organization', { organizationId: ORG }, { 'aws:PrincipalOrgID': ORG }],
  [
    'an ExternalId and an organization',
    { externalId: EXTERNAL_ID, organizationId: ORG },
    { 'sts:ExternalId': EXTERNAL_ID, 'aws:PrincipalOrgID': ORG },
  ],
] as const;

describe.each(CONDITION_SETS)('the trust policy with %s', (_label, conditionProps, stringEquals) => {
  const shared = stringEquals ? { StringEquals: stringEquals } : undefined;
  const hubStatement = {
    Effect: 'Allow',
    Action: 'sts:AssumeRole',
    Principal: { AWS: HUB_ROLE },
    ...(shared ? { Condition: shared } : {}),
  };

  it('(a) trusts only the hub role when no extra principal is given', () => {
    expect(trustPolicy({ hubRoleArn: HUB_ROLE, trustedPrincipals: [], ...conditionProps })).toEqual({
      Version: '2012-10-17',
      Statement: [hubStatement],
    });
  });

  it('(b) trusts a CI role by its exact ARN, under the same conditions as the hub', () => {
    expect(trustPolicy({ hubRoleArn: HUB_ROLE, trustedPrincipals: [CI_ROLE], ...conditionProps })).toEqual({
      Version: '2012-10-17',
      Statement: [
        hubStatement,
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { AWS: CI_ROLE },
          ...(shared ? { Condition: shared } : {}),
        },
      ],
    });
  });

  it('(c) trusts an Identity Center permission set as its account, narrowed by ArnLike on aws:PrincipalArn', () => {
    expect(
      trustPolicy({ hubRoleArn: HUB_ROLE, trustedPrincipals: [SSO_PATTERN], ...conditionProps }),
    ).toEqual({
      Version: '2012-10-17',
      Statement: [
        hubStatement,
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { AWS: 'arn:aws:iam::999988887777:root' },
          Condition: { ...shared, ArnLike: { 'aws:PrincipalArn': SSO_PATTERN } },
        },
      ],
    });
  });
});

describe('Identity Center patterns', () => {
  it('accept roles without a region in their path and other partitions, keeping the partition', () => {
    const pattern =
      'arn:aws-us-gov:iam::999988887777:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Read.Only@x_*';
    const [, statement] = trustPolicy({
      hubRoleArn: 'arn:aws-us-gov:iam::111122223333:role/configreport-hub-role',
      trustedPrincipals: [pattern],
    }).Statement;
    expect(statement).toEqual({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { AWS: 'arn:aws-us-gov:iam::999988887777:root' },
      Condition: { ArnLike: { 'aws:PrincipalArn': pattern } },
    });
  });

  it('give every principal its own statement, in the order given, and stay cdk-nag clean', () => {
    const { json, stack } = synth(
      (app) =>
        new SpokeStack(app, 'Spoke', {
          hubRoleArn: HUB_ROLE,
          organizationId: ORG,
          trustedPrincipals: [SSO_PATTERN, CI_ROLE],
        }),
    );
    const role = Object.values(json.Resources).find((r) => r.Type === 'AWS::IAM::Role')!;
    const statements = (role.Properties.AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements.map((s) => s.Principal)).toEqual([
      { AWS: HUB_ROLE },
      { AWS: 'arn:aws:iam::999988887777:root' },
      { AWS: CI_ROLE },
    ]);
    expect(json.Parameters).toBeUndefined();
    expect(nagFindings(stack)).toEqual({ errors: [], warnings: [] });
  });
});

describe('trustedPrincipals validation', () => {
  const sso = 'arn:aws:iam::999988887777:role/aws-reserved/sso.amazonaws.com';
  it.each([
    ['a bare wildcard', '*', /may hold a wildcard/],
    ['a wildcard role name', 'arn:aws:iam::111122223333:role/*', /may hold a wildcard/],
    [
      'a wildcard account',
      `arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Run_*`,
      /wildcard/,
    ],
    ['a wildcard region', `${sso}/*/AWSReservedSSO_Run_*`, /may hold a wildcard/],
    ['a wildcard permission set', `${sso}/eu-west-1/AWSReservedSSO_*`, /may hold a wildcard/],
    ['a single-character wildcard', `${sso}/eu-west-1/AWSReservedSSO_Run_????????????????`, /wildcard/],
    ['a role outside the Identity Center path', 'arn:aws:iam::111122223333:role/Admin*', /wildcard/],
    [
      'an exact Identity Center role',
      `${sso}/eu-west-1/AWSReservedSSO_Run_0123456789abcdef`,
      /suffix changes/,
    ],
    ['a user', 'arn:aws:iam::111122223333:user/alice', /must be an IAM role ARN/],
    ['a session', 'arn:aws:sts::111122223333:assumed-role/ci/run-1', /must be an IAM role ARN/],
    ['an empty entry', '', /must be an IAM role ARN/],
  ])('rejects %s, naming trustedPrincipals and the entry', (_label, entry, why) => {
    const build = () => synth((app) => new SpokeStack(app, 'Spoke', { trustedPrincipals: [entry] }));
    expect(build).toThrow(/^trustedPrincipals: /);
    expect(build).toThrow(JSON.stringify(entry));
    expect(build).toThrow(why);
  });

  it('rejects an entry listed twice', () => {
    expect(() =>
      synth((app) => new SpokeStack(app, 'Spoke', { trustedPrincipals: [CI_ROLE, CI_ROLE] })),
    ).toThrow(/^trustedPrincipals: lists .* more than once/);
  });
});

describe('trust policy size', () => {
  it("warns when the extra principals outgrow IAM's default 2,048-character trust policy", () => {
    const many = Array.from(
      { length: 8 },
      (_, i) =>
        `arn:aws:iam::99998888777${i}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Run${i}_*`,
    );
    const { stack } = synth(
      (app) =>
        new SpokeStack(app, 'Spoke', {
          hubRoleArn: HUB_ROLE,
          organizationId: ORG,
          externalId: EXTERNAL_ID,
          trustedPrincipals: many,
        }),
    );
    Annotations.fromStack(stack).hasWarning(
      '*',
      Match.stringLikeRegexp('trust policy is about \\d+ characters'),
    );
    const { stack: small } = synth(
      (app) => new SpokeStack(app, 'Spoke', { hubRoleArn: HUB_ROLE, trustedPrincipals: [CI_ROLE] }),
    );
    Annotations.fromStack(small).hasNoWarning('*', Match.anyValue());
  });
});
