/**
 * The spoke: `configreport-read-role` in every member account, trusting only the hub function's role,
 * with exactly the read permissions batch mode uses. It has no assets and no bootstrap-version rule,
 * so its synthesized template deploys as a plain CloudFormation StackSet across the organization.
 */
import {
  CfnParameter,
  DefaultStackSynthesizer,
  Duration,
  type IStackSynthesizer,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { DEFAULT_READ_ROLE_NAME, SPOKE_READ_ACTIONS } from './permissions.js';

/** Props of {@link SpokeStack}. */
export interface SpokeStackProps extends StackProps {
  /**
   * ARN of the hub function's role (the hub's HubRoleArn output): the only principal trusted. When
   * absent, the template takes it as the CloudFormation parameter `HubRoleArn` (handy for StackSets).
   */
  readonly hubRoleArn?: string;
  /** Role name (default `configreport-read-role`); must match the hub's `readRoleName`. */
  readonly readRoleName?: string;
  /** Require this ExternalId on AssumeRole (must match the hub's `externalId`). */
  readonly externalId?: string;
  /** `o-…`: the caller must belong to this organization (aws:PrincipalOrgID). */
  readonly organizationId?: string;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/**
 * @example
 * new SpokeStack(app, 'ConfigReportSpoke', { hubRoleArn: 'arn:aws:iam::111122223333:role/configreport-hub-role' });
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
    if (props.hubRoleArn !== undefined && !ROLE_ARN.test(props.hubRoleArn))
      throw new Error(`hubRoleArn: must be an IAM role ARN, got ${JSON.stringify(props.hubRoleArn)}`);
    const hubRoleArn =
      props.hubRoleArn ??
      new CfnParameter(this, 'HubRoleArn', {
        type: 'String',
        description: 'ARN of the configreport hub function role (HubRoleArn output of the hub stack)',
        allowedPattern: ROLE_ARN.source,
        constraintDescription: 'must be an IAM role ARN',
      }).valueAsString;
    if (props.externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(props.externalId))
      throw new Error('externalId: must be 2-1224 characters of [\\w+=,.@:/-]');
    if (props.organizationId !== undefined && !/^o-[a-z0-9]{10,32}$/.test(props.organizationId))
      throw new Error('organizationId: must look like o-abc123defg');

    const conditions: Record<string, Record<string, string>> = {};
    if (props.externalId) conditions.StringEquals = { 'sts:ExternalId': props.externalId };
    if (props.organizationId)
      conditions.StringEquals = { ...conditions.StringEquals, 'aws:PrincipalOrgID': props.organizationId };

    this.role = new iam.Role(this, 'ReadRole', {
      roleName: props.readRoleName ?? DEFAULT_READ_ROLE_NAME,
      description: 'configreport: read-only access to AWS Config results for the hub function',
      assumedBy: new iam.ArnPrincipal(hubRoleArn).withConditions(conditions),
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
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The Config Describe* actions and SelectResourceConfig support no resource-level permissions, and ' +
        'GetComplianceDetailsByConfigRule is needed for every rule of the account, whose ids are unknown.',
    });
  }
}
