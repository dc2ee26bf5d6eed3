/**
 * AWS partitions and the names built from them: the role ARN to assume and a valid session name.
 */

/** The partition of a region: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/** `arn:<partition>:iam::<account_id>:role/<role_name>`. */
export function roleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

const SESSION_CHARS = /[^\w+=,.@-]/g;

/**
 * A RoleSessionName STS accepts (2–64 of `[\w+=,.@-]`) that names the run in CloudTrail:
 * `configreport-<shard_id>`, with other characters replaced and the tail cut at 64.
 */
export function roleSessionName(shardId: string): string {
  const name = `configreport-${shardId}`.replace(SESSION_CHARS, '_').slice(0, 64);
  return name.length >= 2 ? name : 'configreport';
}
