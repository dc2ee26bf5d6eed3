/**
 * The spoke: `configreport-read-role` in every member account, trusted by the hub function's role and
 * by the extra principals you name (a CI role, an IAM Identity Center permission set, so
 * `configreport run` works from a laptop), with exactly the read permissions batch mode uses. It has
 * no assets and no bootstrap-version rule, so its synthesized template deploys as a plain
 * CloudFormation StackSet across the organization.
 */
import {
  Annotations,
  Aws,
  CfnCondition,
  CfnParameter,
  CfnRule,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  type IStackSynthesizer,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ROLE_ARN_PATTERN, ROLE_NAME_PATTERN } from '../../src/core/ids.js';
import { DEFAULT_READ_ROLE_NAME, SPOKE_READ_ACTIONS } from './permissions.js';
import {
  checkTrustConditions,
  InvalidSpokeSettingError,
  parseTrustedPrincipals,
  sharedStringEquals,
  TRUSTED_ACCOUNTS_PARAMETER_PATTERN,
  TRUSTED_PRINCIPALS_PARAMETER_PATTERN,
  type TrustConditions,
  trustOf,
} from './trust.js';

/** Props of {@link SpokeStack}. */
export interface SpokeStackProps extends StackProps {
  /**
   * ARN of the hub function's role (the hub's HubRoleArn output). When absent, the template takes it
   * as the CloudFormation parameter `HubRoleArn` (handy for StackSets).
   */
  readonly hubRoleArn?: string;
  /** Role name (default `configreport-read-role`); must match the hub's `readRoleName`. */
  readonly readRoleName?: string;
  /** Require this ExternalId on AssumeRole, from every trusted principal (must match the hub's `externalId`). */
  readonly externalId?: string;
  /** `o-…`: every trusted principal must belong to this organization (aws:PrincipalOrgID). */
  readonly organizationId?: string;
  /**
   * Principals trusted besides the hub, for `configreport run` from a laptop or CI, each one of:
   * - an exact role ARN (a CI role): trusted as the statement's principal;
   * - an IAM Identity Center permission-set role pattern,
   *   `arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<PermissionSetName>_*`:
   *   trusted as that account's principal narrowed by `ArnLike` on `aws:PrincipalArn`.
   *
   * Each gets its own statement with the same ExternalId and PrincipalOrgID conditions as the hub.
   * When absent, the template takes them as the CloudFormation parameters `TrustedPrincipals` and
   * `TrustedPrincipalAccounts` (both default empty: only the hub); `[]` trusts only the hub, without
   * parameters.
   */
  readonly trustedPrincipals?: readonly string[];
}

/** IAM's default limit on a role trust policy (raisable to 4,096 with a Service Quotas request). */
export const TRUST_POLICY_DEFAULT_LIMIT = 2048;

/**
 * @example
 * new SpokeStack(app, 'ConfigReportSpoke', {
 *   hubRoleArn: 'arn:aws:iam::111122223333:role/configreport-hub-role',
 *   organizationId: 'o-abc123defg',
 *   trustedPrincipals: [
 *     'arn:aws:iam::111122223333:role/ci-configreport',
 *     'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ConfigReportRun_*',
 *   ],
 * });
 */
export class SpokeStack extends Stack {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SpokeStackProps) {
    super(scope, id, {
      // A StackSet deploys a plain template: no asset bucket, no bootstrap-version parameter.
      // (The cast bridges CDK's typings and exactOptionalPropertyTypes.)
      synthesizer: new DefaultStackSynthesizer({
        generateBootstrapVersionRule: false,
      }) as unknown as IStackSynthesizer,
      ...props,
    });
    const readRoleName = props.readRoleName ?? DEFAULT_READ_ROLE_NAME;
    if (!ROLE_NAME_PATTERN.test(readRoleName))
      throw new InvalidSpokeSettingError('readRoleName: must be 1-64 characters of [\\w+=,.@-]');
    if (props.hubRoleArn !== undefined && !ROLE_ARN_PATTERN.test(props.hubRoleArn))
      throw new InvalidSpokeSettingError(
        `hubRoleArn: must be an IAM role ARN, got ${JSON.stringify(props.hubRoleArn)}`,
      );
    const conditions: TrustConditions = {
      externalId: props.externalId,
      organizationId: props.organizationId,
    };
    checkTrustConditions(conditions);
    const trusted =
      props.trustedPrincipals === undefined
        ? undefined
        : parseTrustedPrincipals(props.trustedPrincipals, 'trustedPrincipals');

    const hubRoleArn =
      props.hubRoleArn ??
      new CfnParameter(this, 'HubRoleArn', {
        type: 'String',
        description: 'ARN of the configreport hub function role (HubRoleArn output of the hub stack)',
        allowedPattern: ROLE_ARN_PATTERN.source,
        constraintDescription: 'must be an IAM role ARN',
      }).valueAsString;
    const equals = sharedStringEquals(conditions);

    this.role = new iam.Role(this, 'ReadRole', {
      roleName: readRoleName,
      description: 'configreport: read-only access to AWS Config results for the hub function',
      assumedBy: new iam.ArnPrincipal(hubRoleArn).withConditions(equals ? { StringEquals: equals } : {}),
      // The hub refreshes credentials itself; role chaining caps sessions at one hour anyway.
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: {
        ConfigRead: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'ReadConfig',
              actions: [...SPOKE_READ_ACTIONS],
              resources: ['*'],
            }),
          ],
        }),
      },
    });
    if (trusted === undefined) this.trustFromParameters(conditions);
    else {
      for (const principal of trusted) {
        const trust = trustOf(principal, conditions);
        this.role.assumeRolePolicy!.addStatements(
          new iam.PolicyStatement({
            actions: ['sts:AssumeRole'],
            principals: [new iam.ArnPrincipal(trust.principalArn)],
            conditions: trust.conditions,
          }),
        );
      }
      this.warnAboutTrustPolicySize();
    }
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The Config Describe* actions and SelectResourceConfig support no resource-level permissions, and ' +
        'GetComplianceDetailsByConfigRule is needed for every rule of the account, whose ids are unknown.',
    });
  }

  /**
   * The extra principals as StackSet parameters. Their number is unknown at synth time, so they share
   * one statement: the principal is their accounts (`TrustedPrincipalAccounts`, because a template
   * cannot map a list), narrowed by `ArnLike` on `aws:PrincipalArn` to the listed role ARNs and
   * patterns (`TrustedPrincipals`). Each entry names its own account, so a caller must be both in a
   * listed account and match an entry: the pairing adds nobody. Left out while `TrustedPrincipals` is
   * empty; a rule rejects one list without the other.
   */
  private trustFromParameters(conditions: TrustConditions): void {
    const principals = new CfnParameter(this, 'TrustedPrincipals', {
      type: 'String',
      default: '',
      description:
        'Comma-separated principals trusted besides the hub (configreport run from a laptop or CI): role ' +
        'ARNs and IAM Identity Center role patterns arn:aws:iam::<account>:role/aws-reserved/' +
        'sso.amazonaws.com/[<region>/]AWSReservedSSO_<PermissionSetName>_*. Empty: only the hub.',
      allowedPattern: TRUSTED_PRINCIPALS_PARAMETER_PATTERN,
      constraintDescription:
        'must be empty or comma-separated role ARNs and AWSReservedSSO_<PermissionSetName>_* patterns',
    });
    const accounts = new CfnParameter(this, 'TrustedPrincipalAccounts', {
      type: 'String',
      default: '',
      description: 'Comma-separated account ids of the TrustedPrincipals (empty when it is empty)',
      allowedPattern: TRUSTED_ACCOUNTS_PARAMETER_PATTERN,
      constraintDescription: 'must be empty or comma-separated 12-digit account ids',
    });
    const noPrincipals = Fn.conditionEquals(principals.valueAsString, '');
    const noAccounts = Fn.conditionEquals(accounts.valueAsString, '');
    const hasPrincipals = new CfnCondition(this, 'HasTrustedPrincipals', {
      expression: Fn.conditionNot(noPrincipals),
    });
    new CfnRule(this, 'TrustedPrincipalsWithTheirAccounts', {
      assertions: [
        {
          assert: Fn.conditionOr(
            Fn.conditionAnd(noPrincipals, noAccounts),
            Fn.conditionAnd(Fn.conditionNot(noPrincipals), Fn.conditionNot(noAccounts)),
          ),
          assertDescription: 'TrustedPrincipals and TrustedPrincipalAccounts must be set together',
        },
      ],
    });
    const equals = sharedStringEquals(conditions);
    const statement = {
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { AWS: Fn.split(',', accounts.valueAsString) },
      Condition: {
        ...(equals ? { StringEquals: equals } : {}),
        ArnLike: { 'aws:PrincipalArn': Fn.split(',', principals.valueAsString) },
      },
    };
    // A policy statement cannot be conditional in CDK's model, so it is added to the rendered trust
    // policy, after the statements CDK renders (the hub's).
    const index = this.role.assumeRolePolicy!.statementCount;
    (this.role.node.defaultChild as iam.CfnRole).addPropertyOverride(
      `AssumeRolePolicyDocument.Statement.${index}`,
      Fn.conditionIf(hasPrincipals.logicalId, statement, Aws.NO_VALUE),
    );
  }

  /** Warns (synth goes on: the quota may have been raised) when the trust policy outgrows IAM's default. */
  private warnAboutTrustPolicySize(): void {
    const size = JSON.stringify(this.resolve(this.role.assumeRolePolicy)).length;
    if (size > TRUST_POLICY_DEFAULT_LIMIT)
      Annotations.of(this.role).addWarningV2(
        'configreport:trustPolicySize',
        `the trust policy is about ${size} characters; IAM allows ${TRUST_POLICY_DEFAULT_LIMIT} unless the ` +
          '"Role trust policy length" quota was raised (up to 4096): trust fewer principals or raise it',
      );
  }
}
