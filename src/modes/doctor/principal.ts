/**
 * What a trust policy must name to let the caller in: the IAM principal behind a caller ARN (an STS
 * assumed-role session is trusted through its role), and whether it looks like the hub role that
 * the spoke stack trusts by default (docs/deploy.md).
 */

/**
 * The name of the hub function's role, which the spoke stack trusts by default (mirrors
 * `DEFAULT_HUB_ROLE_NAME` in infra/lib/permissions.ts; src cannot import infra).
 */
export const DEFAULT_HUB_ROLE_NAME = 'configreport-hub-role';

const ASSUMED_ROLE = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/;

/**
 * The principal ARN a trust policy names for `callerArn`: `arn:aws:iam::<acct>:role/<name>` for an
 * assumed-role session (the session ARN has no path: a role with a path, such as the SSO roles under
 * `/aws-reserved/sso.amazonaws.com/`, must be named with it), the ARN itself for users and root.
 */
export function trustPrincipal(callerArn: string): string {
  const assumed = ASSUMED_ROLE.exec(callerArn);
  if (assumed === null) return callerArn;
  const [, partition, account, role] = assumed;
  return `arn:${partition}:iam::${account}:role/${role}`;
}

/** The role name of an assumed-role caller, else undefined. */
export function callerRoleName(callerArn: string): string | undefined {
  return ASSUMED_ROLE.exec(callerArn)?.[3];
}
