/**
 * Who may assume the spoke read role besides the hub function, and inside which organization: the
 * vocabulary of the trust settings (organization ids, IAM Identity Center permission-set role
 * patterns), their validation, and the trust-policy statements they become. Pure: no constructs.
 */
import { ConfigReportError, ErrorKind } from '../../src/core/errors.js';
import {
  ACCOUNT_ID_PATTERN,
  EXTERNAL_ID_PATTERN,
  REGION_PATTERN,
  ROLE_ARN_PATTERN,
} from '../../src/core/ids.js';

/** Thrown for a spoke setting (prop, context key or trust input) that cannot be deployed; names it. */
export class InvalidSpokeSettingError extends ConfigReportError {
  override readonly name = 'InvalidSpokeSettingError';
  readonly kind = ErrorKind.InvalidInput;
}

/** An AWS Organizations organization id (`o-` and 10–32 lowercase letters or digits). */
export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;

/** How to find the organization id, for error messages and docs. */
export const FIND_ORGANIZATION_ID = 'aws organizations describe-organization --query Organization.Id';

/** A regex's source without its `^…$` anchors, to compose the shared patterns of src/core/ids.ts. */
const body = (pattern: RegExp): string => pattern.source.replace(/^\^/, '').replace(/\$$/, '');

/** The path IAM Identity Center gives its roles; only Identity Center can create roles under it. */
export const IDENTITY_CENTER_ROLE_PATH = 'aws-reserved/sso.amazonaws.com/';

/**
 * An IAM Identity Center permission-set role, as an `ArnLike` pattern:
 * `arn:<partition>:iam::<account>:role/aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<PermissionSet>_*`.
 * The one wildcard stands for the suffix Identity Center gives the role, which changes whenever the
 * permission set is provisioned to the account again. Everything else is exact: the account (the
 * principal of the statement), the path with the Identity Center region (absent for instances whose
 * roles have none) and the permission-set name (1–32 characters).
 */
export const IDENTITY_CENTER_ROLE_ARN_PATTERN = new RegExp(
  `^arn:(?<partition>aws[a-z-]*):iam::(?<account>${body(ACCOUNT_ID_PATTERN)}):role/` +
    `${IDENTITY_CENTER_ROLE_PATH.replaceAll('.', '\\.')}(?:${body(REGION_PATTERN)}/)?` +
    'AWSReservedSSO_[\\w+=,.@-]{1,32}_\\*$',
);

/** One extra principal of the read role's trust policy. */
export type TrustedPrincipal =
  /** An exact role (a CI role): the statement's principal is the role itself. */
  | { readonly kind: 'role'; readonly arn: string }
  /**
   * An Identity Center permission-set role: the principal is its account, narrowed by `ArnLike` on
   * `aws:PrincipalArn` (a `Principal` element takes no wildcards).
   */
  | { readonly kind: 'identity-center'; readonly pattern: string; readonly accountRoot: string };

/**
 * Classifies and validates one entry of `setting` (a role ARN or an Identity Center role pattern).
 * @throws InvalidSpokeSettingError whose message names `setting`, the entry and the accepted forms.
 */
export function parseTrustedPrincipal(value: string, setting: string): TrustedPrincipal {
  const fail = (why: string): never => {
    throw new InvalidSpokeSettingError(`${setting}: ${JSON.stringify(value)} ${why}`);
  };
  const sso = IDENTITY_CENTER_ROLE_ARN_PATTERN.exec(value);
  if (sso?.groups) {
    const { partition, account } = sso.groups;
    return { kind: 'identity-center', pattern: value, accountRoot: `arn:${partition}:iam::${account}:root` };
  }
  if (value.includes('*') || value.includes('?'))
    fail(
      'is not an IAM Identity Center role pattern: only arn:<partition>:iam::<account>:role/' +
        `${IDENTITY_CENTER_ROLE_PATH}[<region>/]AWSReservedSSO_<PermissionSetName>_* may hold a wildcard`,
    );
  if (!ROLE_ARN_PATTERN.test(value)) fail('must be an IAM role ARN or an IAM Identity Center role pattern');
  if (value.includes(`:role/${IDENTITY_CENTER_ROLE_PATH}`))
    fail(
      'is an IAM Identity Center role, whose name suffix changes when the permission set is provisioned ' +
        'again: trust the pattern …/AWSReservedSSO_<PermissionSetName>_* instead',
    );
  return { kind: 'role', arn: value };
}

/**
 * Validates every entry and rejects duplicates.
 * @throws InvalidSpokeSettingError naming `setting`.
 */
export function parseTrustedPrincipals(values: readonly string[], setting: string): TrustedPrincipal[] {
  const seen = new Set<string>();
  return values.map((value) => {
    if (seen.has(value))
      throw new InvalidSpokeSettingError(`${setting}: lists ${JSON.stringify(value)} more than once`);
    seen.add(value);
    return parseTrustedPrincipal(value, setting);
  });
}

/** The conditions every trusted principal is held to, the hub included. */
export interface TrustConditions {
  /** Required `sts:ExternalId`. */
  readonly externalId?: string | undefined;
  /** Required `aws:PrincipalOrgID`. */
  readonly organizationId?: string | undefined;
}

/**
 * Validates the shared conditions.
 * @throws InvalidSpokeSettingError naming `externalId` or `organizationId`.
 */
export function checkTrustConditions(conditions: TrustConditions): void {
  const { externalId, organizationId } = conditions;
  if (externalId !== undefined && !EXTERNAL_ID_PATTERN.test(externalId))
    throw new InvalidSpokeSettingError('externalId: must be 2-1224 characters of [\\w+=,.@:/-]');
  if (organizationId !== undefined && !ORGANIZATION_ID_PATTERN.test(organizationId))
    throw new InvalidSpokeSettingError(
      `organizationId: must look like o-abc123defg (${FIND_ORGANIZATION_ID})`,
    );
}

/** The `StringEquals` block of the shared conditions, or undefined when there are none. */
export function sharedStringEquals(conditions: TrustConditions): Record<string, string> | undefined {
  const equals: Record<string, string> = {};
  if (conditions.externalId) equals['sts:ExternalId'] = conditions.externalId;
  if (conditions.organizationId) equals['aws:PrincipalOrgID'] = conditions.organizationId;
  return Object.keys(equals).length > 0 ? equals : undefined;
}

/**
 * The principal and conditions of one extra principal's statement (sts:AssumeRole, Allow): the
 * shared conditions plus, for an Identity Center pattern, `ArnLike` on `aws:PrincipalArn`.
 */
export function trustOf(
  principal: TrustedPrincipal,
  conditions: TrustConditions,
): { principalArn: string; conditions: Record<string, Record<string, string>> } {
  const equals = sharedStringEquals(conditions);
  return {
    principalArn: principal.kind === 'role' ? principal.arn : principal.accountRoot,
    conditions: {
      ...(equals ? { StringEquals: equals } : {}),
      ...(principal.kind === 'identity-center' ? { ArnLike: { 'aws:PrincipalArn': principal.pattern } } : {}),
    },
  };
}

/**
 * CloudFormation `AllowedPattern` of the `TrustedPrincipals` parameter: empty, or a comma-separated
 * list of role ARNs (none under the Identity Center path) and Identity Center role patterns. The same
 * forms {@link parseTrustedPrincipal} accepts, except that no entry may contain a comma (the list's
 * separator, though IAM allows it in names).
 */
export const TRUSTED_PRINCIPALS_PARAMETER_PATTERN = (() => {
  const role = 'arn:aws[a-z-]*:iam::\\d{12}:role/(?!aws-reserved/)[\\w+=.@/-]+';
  const sso = body(IDENTITY_CENTER_ROLE_ARN_PATTERN)
    .replace('(?<partition>aws[a-z-]*)', 'aws[a-z-]*')
    .replace(`(?<account>${body(ACCOUNT_ID_PATTERN)})`, body(ACCOUNT_ID_PATTERN))
    .replace('[\\w+=,.@-]{1,32}', '[\\w+=.@-]{1,32}');
  const entry = `(?:${role}|${sso})`;
  return `^(?:${entry}(?:,${entry})*)?$`;
})();

/** CloudFormation `AllowedPattern` of the `TrustedPrincipalAccounts` parameter. */
export const TRUSTED_ACCOUNTS_PARAMETER_PATTERN = `^(?:${body(ACCOUNT_ID_PATTERN)}(?:,${body(ACCOUNT_ID_PATTERN)})*)?$`;
