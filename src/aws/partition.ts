/**
 * AWS partitions and the names built from them: the role ARN to assume and a valid session name.
 */

// The rule itself is pure and shared with the report's console links.
export { partitionOf } from '../core/partition.js';

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
