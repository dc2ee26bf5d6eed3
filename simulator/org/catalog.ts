/**
 * Static catalogue the synthetic org draws from: resource types (with realistic id shapes) and
 * Config rules (AWS-managed, service-linked and custom), with the annotations each rule writes.
 */

import type { SimRuleOwner } from './model.js';
import type { Prng } from './prng.js';

/** How the generator makes one resource of a type. */
export interface ResourceKind {
  type: string;
  /** Relative share among generated resources. */
  weight: number;
  /** Builds `{ id, name }` from a readable base name and the PRNG. */
  make(base: string, rng: Prng, accountId: string, region: string): { id: string; name: string };
  /** Whether advanced queries return it (pseudo types are not recorded CIs). */
  queryable: boolean;
}

const hexId = (prefix: string) => (base: string, rng: Prng) => ({
  id: `${prefix}-0${rng.hex(16)}`,
  name: base,
});

/** Resource types the synthetic org creates. `AWS::::Account` is added once per account-region. */
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  {
    type: 'AWS::S3::Bucket',
    weight: 12,
    make: (base, rng) => {
      const id = `${base}-${rng.hex(6)}`;
      return { id, name: id };
    },
    queryable: true,
  },
  { type: 'AWS::EC2::Instance', weight: 14, make: hexId('i'), queryable: true },
  { type: 'AWS::EC2::SecurityGroup', weight: 12, make: hexId('sg'), queryable: true },
  { type: 'AWS::EC2::Volume', weight: 10, make: hexId('vol'), queryable: true },
  { type: 'AWS::EC2::VPC', weight: 3, make: hexId('vpc'), queryable: true },
  {
    type: 'AWS::IAM::Role',
    weight: 10,
    make: (base, rng) => ({ id: `AROA${rng.hex(17).toUpperCase()}`, name: `${base}-role` }),
    queryable: true,
  },
  {
    type: 'AWS::Lambda::Function',
    weight: 10,
    make: (base) => ({ id: `${base}-fn`, name: `${base}-fn` }),
    queryable: true,
  },
  {
    type: 'AWS::RDS::DBInstance',
    weight: 5,
    make: (base, rng) => ({ id: `db-${rng.hex(26).toUpperCase()}`, name: `${base}-db` }),
    queryable: true,
  },
  {
    type: 'AWS::DynamoDB::Table',
    weight: 5,
    make: (base) => ({ id: `${base}-table`, name: `${base}-table` }),
    queryable: true,
  },
  {
    type: 'AWS::KMS::Key',
    weight: 4,
    make: (_base, rng) => {
      const h = rng.hex(32);
      const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      return { id, name: id };
    },
    queryable: true,
  },
  {
    // Config identifies load balancers by ARN: slashes and colons in a resource id.
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    weight: 4,
    make: (base, rng, accountId, region) => ({
      id: `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/app/${base}/${rng.hex(16)}`,
      name: base,
    }),
    queryable: true,
  },
  {
    type: 'AWS::CloudTrail::Trail',
    weight: 1,
    make: (base) => ({ id: `${base}-trail`, name: `${base}-trail` }),
    queryable: true,
  },
];

/** Account-level pseudo resource that account-wide rules evaluate. */
export const ACCOUNT_RESOURCE_TYPE = 'AWS::::Account';

/**
 * A conformance pack the catalogue's rules belong to. `{p}` in a name is replaced by a suffix per
 * account-region (an organization pack is deployed to each member as `OrgConformsPack-<name>-<suffix>`).
 */
export interface PackTemplate {
  name: string;
  /** Service principal that created the pack (organization packs), absent for the account's own. */
  createdBy?: string;
}

/** The Operational Best Practices pack an account deploys itself. */
export const S3_PACK: PackTemplate = { name: 'Operational-Best-Practices-for-Amazon-S3' };
/** An organization conformance pack, deployed to every member by the management account. */
export const ORG_PACK: PackTemplate = {
  name: 'OrgConformsPack-security-baseline-{p}',
  createdBy: 'config-multiaccountsetup.amazonaws.com',
};

/** Service principals of service-linked rules (DescribeConfigRules' `CreatedBy`). */
export const CREATORS = {
  securityHub: 'securityhub.amazonaws.com',
  conformancePack: 'config-conforms.amazonaws.com',
  firewallManager: 'fms.amazonaws.com',
  organization: 'config-multiaccountsetup.amazonaws.com',
} as const;

/**
 * A rule template. `{n}` in a name is replaced by a generated suffix: 6 hex digits by default,
 * 8 lowercase letters and digits for `suffix: 'alnum8'`, and for a conformance pack's rules one
 * suffix per pack and account-region (Config gives every rule of one pack deployment the same).
 */
export interface RuleTemplate {
  name: string;
  owner: SimRuleOwner;
  sourceIdentifier: string;
  description: string;
  resourceTypes: string[];
  /** Share of in-scope evaluations that are NON_COMPLIANT before the account's bias. */
  failRate: number;
  annotation: string;
  visibility?: 'INTERNAL';
  createdBy?: string;
  periodic?: boolean;
  inputParameters?: string;
  /** The conformance pack that deploys the rule. */
  pack?: PackTemplate;
  suffix?: 'hex6' | 'alnum8';
}

const S3 = 'AWS::S3::Bucket';
const EC2 = 'AWS::EC2::Instance';
const SG = 'AWS::EC2::SecurityGroup';
const VOL = 'AWS::EC2::Volume';
const ROLE = 'AWS::IAM::Role';
const FN = 'AWS::Lambda::Function';
const RDS = 'AWS::RDS::DBInstance';
const DDB = 'AWS::DynamoDB::Table';
const KMS = 'AWS::KMS::Key';
const ALB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const ACCT = ACCOUNT_RESOURCE_TYPE;

/**
 * Rule catalogue in the order the generator takes rules. The first entries are the special cases
 * every org should show (long service-linked name, INTERNAL visibility, a rule with no results).
 */
export const RULE_TEMPLATES: readonly RuleTemplate[] = [
  {
    name: 's3-bucket-versioning-enabled',
    owner: 'AWS',
    sourceIdentifier: 'S3_BUCKET_VERSIONING_ENABLED',
    description: 'Checks whether versioning is enabled for your S3 buckets.',
    resourceTypes: [S3],
    failRate: 0.3,
    annotation: 'Versioning is not enabled on the bucket.',
  },
  {
    // Service-linked Security Hub rules carry names longer than GetComplianceDetailsByConfigRule's 64.
    name: 'securityhub-s3-bucket-server-side-encryption-enabled-by-default-{n}',
    owner: 'AWS',
    sourceIdentifier: 'S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED',
    description: 'Checks that your Amazon S3 bucket either has S3 default encryption enabled.',
    resourceTypes: [S3],
    failRate: 0.15,
    annotation: 'Default encryption is not configured.',
    createdBy: 'securityhub.amazonaws.com',
    periodic: true,
  },
  {
    name: 'fms-shield-resource-policy-check-{n}',
    owner: 'AWS',
    sourceIdentifier: 'SHIELD_RESOURCE_POLICY_CHECK',
    description: 'Firewall Manager internal rule: its evaluations are not exposed.',
    resourceTypes: [ALB],
    failRate: 0.5,
    annotation: 'Resource is not protected by Shield Advanced.',
    visibility: 'INTERNAL',
    createdBy: 'fms.amazonaws.com',
  },
  {
    name: 'redshift-cluster-public-access-check',
    owner: 'AWS',
    sourceIdentifier: 'REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK',
    description: 'Checks whether Amazon Redshift clusters are not publicly accessible.',
    // No Redshift clusters are ever generated: this rule has no results (INSUFFICIENT_DATA).
    resourceTypes: ['AWS::Redshift::Cluster'],
    failRate: 0.2,
    annotation: 'The cluster is publicly accessible.',
  },
  {
    name: 'required-tags',
    owner: 'AWS',
    sourceIdentifier: 'REQUIRED_TAGS',
    description: 'Checks whether your resources have the tags that you specify.',
    resourceTypes: [S3, EC2, VOL, FN, RDS, DDB],
    failRate: 0.2,
    annotation: 'Required tag mox.owner is missing.',
    inputParameters: '{"tag1Key":"mox.owner","tag2Key":"mox.cost-center"}',
  },
  {
    name: 'restricted-ssh',
    owner: 'AWS',
    sourceIdentifier: 'INCOMING_SSH_DISABLED',
    description: 'Checks whether security groups disallow unrestricted incoming SSH traffic.',
    resourceTypes: [SG],
    failRate: 0.2,
    annotation: 'Port 22 is open to 0.0.0.0/0.',
  },
  {
    name: 'encrypted-volumes',
    owner: 'AWS',
    sourceIdentifier: 'ENCRYPTED_VOLUMES',
    description: 'Checks whether the EBS volumes that are in an attached state are encrypted.',
    resourceTypes: [VOL],
    failRate: 0.25,
    annotation: 'The volume is not encrypted.',
  },
  {
    name: 'root-account-mfa-enabled',
    owner: 'AWS',
    sourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED',
    description: 'Checks whether the root user of your AWS account requires multi-factor authentication.',
    resourceTypes: [ACCT],
    failRate: 0.1,
    annotation: 'Root account MFA is not enabled.',
    periodic: true,
  },
  {
    name: 'iam-password-policy',
    owner: 'AWS',
    sourceIdentifier: 'IAM_PASSWORD_POLICY',
    description: 'Checks whether the account password policy for IAM users meets the specified requirements.',
    resourceTypes: [ACCT],
    failRate: 0.3,
    annotation: 'Password policy does not require symbols.',
    periodic: true,
  },
  {
    name: 'ec2-instance-no-public-ip',
    owner: 'AWS',
    sourceIdentifier: 'EC2_INSTANCE_NO_PUBLIC_IP',
    description: 'Checks whether Amazon EC2 instances have a public IP association.',
    resourceTypes: [EC2],
    failRate: 0.2,
    annotation: 'The instance has a public IP address.',
  },
  {
    name: 'ec2-imdsv2-check',
    owner: 'AWS',
    sourceIdentifier: 'EC2_IMDSV2_CHECK',
    description: 'Checks whether your EC2 instance metadata version is configured with IMDSv2.',
    resourceTypes: [EC2],
    failRate: 0.35,
    annotation: 'IMDSv2 is not required (HttpTokens is optional).',
  },
  {
    name: 'rds-storage-encrypted',
    owner: 'AWS',
    sourceIdentifier: 'RDS_STORAGE_ENCRYPTED',
    description: 'Checks whether storage encryption is enabled for your RDS DB instances.',
    resourceTypes: [RDS],
    failRate: 0.15,
    annotation: 'Storage is not encrypted.',
  },
  {
    name: 'rds-instance-public-access-check',
    owner: 'AWS',
    sourceIdentifier: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
    description: 'Checks whether the Amazon RDS instances are not publicly accessible.',
    resourceTypes: [RDS],
    failRate: 0.1,
    annotation: 'The DB instance is publicly accessible.',
  },
  {
    name: 'lambda-function-public-access-prohibited',
    owner: 'AWS',
    sourceIdentifier: 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED',
    description: 'Checks whether the Lambda function policy prohibits public access.',
    resourceTypes: [FN],
    failRate: 0.1,
    annotation: 'The function policy allows public invocation.',
  },
  {
    name: 'dynamodb-pitr-enabled',
    owner: 'AWS',
    sourceIdentifier: 'DYNAMODB_PITR_ENABLED',
    description: 'Checks whether point-in-time recovery is enabled for Amazon DynamoDB tables.',
    resourceTypes: [DDB],
    failRate: 0.4,
    annotation: 'Point-in-time recovery is disabled.',
  },
  {
    name: 'cmk-backing-key-rotation-enabled',
    owner: 'AWS',
    sourceIdentifier: 'CMK_BACKING_KEY_ROTATION_ENABLED',
    description: 'Checks that key rotation is enabled for each customer managed key.',
    resourceTypes: [KMS],
    failRate: 0.3,
    annotation: 'Automatic key rotation is disabled.',
    periodic: true,
  },
  {
    name: 'iam-role-managed-policy-check',
    owner: 'AWS',
    sourceIdentifier: 'IAM_ROLE_MANAGED_POLICY_CHECK',
    description: 'Checks that none of the specified managed policies are attached to the IAM role.',
    resourceTypes: [ROLE],
    failRate: 0.1,
    annotation: 'AdministratorAccess is attached to the role.',
  },
  {
    name: 'alb-http-to-https-redirection-check',
    owner: 'AWS',
    sourceIdentifier: 'ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK',
    description: 'Checks whether HTTP to HTTPS redirection is configured on all HTTP listeners.',
    resourceTypes: [ALB],
    failRate: 0.25,
    annotation: 'Listener on port 80 does not redirect to HTTPS.',
  },
  {
    name: 'cloudtrail-enabled',
    owner: 'AWS',
    sourceIdentifier: 'CLOUD_TRAIL_ENABLED',
    description: 'Checks whether AWS CloudTrail is enabled in your AWS account.',
    resourceTypes: [ACCT],
    failRate: 0.05,
    annotation: 'No multi-region trail is logging.',
    periodic: true,
  },
  {
    name: 'custom-mox-owner-tag-valid',
    owner: 'CUSTOM_LAMBDA',
    sourceIdentifier: 'arn:aws:lambda:{region}:{account}:function:mox-owner-tag-valid',
    description: 'Custom: the mox.owner tag names a known team member.',
    resourceTypes: [S3, EC2, FN, DDB],
    failRate: 0.25,
    annotation: 'mox.owner does not name a known user.',
  },
  {
    name: 'custom-s3-no-public-acl',
    owner: 'CUSTOM_POLICY',
    sourceIdentifier: 'guard-s3-no-public-acl',
    description: 'Custom Guard policy: buckets must not grant public ACLs.',
    resourceTypes: [S3],
    failRate: 0.1,
    annotation: 'Bucket ACL grants READ to AllUsers.',
  },
  {
    name: 'securityhub-ec2-security-group-attached-to-eni-periodic-{n}',
    owner: 'AWS',
    sourceIdentifier: 'EC2_SECURITY_GROUP_ATTACHED_TO_ENI_PERIODIC',
    description: 'Checks if non-default security groups are attached to elastic network interfaces.',
    resourceTypes: [SG],
    failRate: 0.3,
    annotation: 'The security group is not attached to any network interface.',
    createdBy: 'securityhub.amazonaws.com',
    periodic: true,
  },
  {
    name: 'vpc-flow-logs-enabled',
    owner: 'AWS',
    sourceIdentifier: 'VPC_FLOW_LOGS_ENABLED',
    description: 'Checks whether Amazon VPC Flow Logs are found and enabled for Amazon VPC.',
    resourceTypes: ['AWS::EC2::VPC'],
    failRate: 0.3,
    annotation: 'Flow logs are not enabled for the VPC.',
    periodic: true,
  },
  {
    name: 'cloud-trail-log-file-validation-enabled',
    owner: 'AWS',
    sourceIdentifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
    description: 'Checks whether AWS CloudTrail creates a signed digest file with logs.',
    resourceTypes: ['AWS::CloudTrail::Trail'],
    failRate: 0.2,
    annotation: 'Log file validation is disabled.',
    periodic: true,
  },
  // From here on: the rules services deploy into every account-region with a generated suffix
  // (added after the first 24 so orgs of 24 rules per region stay as they were).
  ...packRules(),
  {
    name: 'OrgConfigRule-required-tags-{n}',
    owner: 'AWS',
    sourceIdentifier: 'REQUIRED_TAGS',
    description: 'Organization rule: resources carry the mox.owner tag.',
    resourceTypes: [S3, EC2, FN],
    failRate: 0.25,
    annotation: 'Required tag mox.owner is missing.',
    createdBy: CREATORS.organization,
    inputParameters: '{"tag1Key":"mox.owner"}',
    suffix: 'alnum8',
  },
  {
    name: 'OrgConfigRule-ec2-instance-managed-by-ssm-{n}',
    owner: 'AWS',
    sourceIdentifier: 'EC2_INSTANCE_MANAGED_BY_SSM',
    description: 'Organization rule: EC2 instances are managed by Systems Manager.',
    resourceTypes: [EC2],
    failRate: 0.3,
    annotation: 'The instance is not managed by Systems Manager.',
    createdBy: CREATORS.organization,
    suffix: 'alnum8',
  },
  {
    name: 'securityhub-vpc-default-security-group-closed-{n}',
    owner: 'AWS',
    sourceIdentifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    description: 'Checks that the default security group of any VPC does not allow traffic.',
    resourceTypes: [SG],
    failRate: 0.2,
    annotation: 'The default security group allows inbound traffic.',
    createdBy: CREATORS.securityHub,
  },
  {
    name: 'fms-security-group-content-check-{n}',
    owner: 'AWS',
    sourceIdentifier: 'SECURITY_GROUP_CONTENT_CHECK',
    description: 'Firewall Manager audit: security groups allow only the approved rules.',
    resourceTypes: [SG],
    failRate: 0.15,
    annotation: 'The security group allows a rule the audit policy does not.',
    createdBy: CREATORS.firewallManager,
  },
];

/** The rules of the two conformance packs, each with its pack. */
function packRules(): RuleTemplate[] {
  const rule = (
    pack: PackTemplate,
    check: string,
    sourceIdentifier: string,
    resourceTypes: string[],
    failRate: number,
    annotation: string,
  ): RuleTemplate => ({
    name: `${check}-conformance-pack-{n}`,
    owner: 'AWS',
    sourceIdentifier,
    description: `Conformance pack rule ${check}.`,
    resourceTypes,
    failRate,
    annotation,
    createdBy: CREATORS.conformancePack,
    pack,
  });
  return [
    rule(
      S3_PACK,
      's3-bucket-public-read-prohibited',
      'S3_BUCKET_PUBLIC_READ_PROHIBITED',
      [S3],
      0.1,
      'The bucket allows public read access.',
    ),
    rule(
      S3_PACK,
      's3-bucket-ssl-requests-only',
      'S3_BUCKET_SSL_REQUESTS_ONLY',
      [S3],
      0.35,
      'The bucket policy does not deny plain HTTP.',
    ),
    rule(
      S3_PACK,
      's3-bucket-logging-enabled',
      'S3_BUCKET_LOGGING_ENABLED',
      [S3],
      0.4,
      'Server access logging is disabled.',
    ),
    rule(
      ORG_PACK,
      'ec2-ebs-encryption-by-default',
      'EC2_EBS_ENCRYPTION_BY_DEFAULT',
      [ACCT],
      0.3,
      'EBS encryption by default is off.',
    ),
    rule(
      ORG_PACK,
      'iam-no-inline-policy-check',
      'IAM_NO_INLINE_POLICY_CHECK',
      [ROLE],
      0.2,
      'The role has an inline policy.',
    ),
    rule(
      ORG_PACK,
      'restricted-common-ports',
      'RESTRICTED_INCOMING_TRAFFIC',
      [SG],
      0.15,
      'A common port is open to 0.0.0.0/0.',
    ),
  ];
}

/** Resource types a generated extra rule (`custom-check-NNN`) may scope. */
export const EXTRA_RULE_TYPES: readonly string[] = [S3, EC2, SG, VOL, ROLE, FN, RDS, DDB, KMS, ALB];

/** Words for readable resource names. */
export const RESOURCE_WORDS: readonly string[] = [
  'orders',
  'billing',
  'search',
  'images',
  'logs',
  'reports',
  'ingest',
  'payments',
  'catalog',
  'auth',
  'metrics',
  'backup',
  'events',
  'profile',
  'checkout',
  'inventory',
];

/** People and teams for `mox.owner` / `mox.team` tags (a few with apostrophes and non-ASCII). */
export const OWNERS: readonly string[] = [
  'alice@example.com',
  'bob@example.com',
  'carol@example.com',
  'dan.o-brien@example.com',
  "o'neil@example.com",
  'zoë@example.com',
  'erik@example.com',
  'fatima@example.com',
  'grace@example.com',
  'hiro@example.com',
];
export const TEAMS: readonly string[] = [
  'platform',
  'payments',
  'data',
  'web',
  'security',
  'ml',
  'sre',
  'mobile',
];
