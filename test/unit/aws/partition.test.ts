import { describe, expect, it } from 'vitest';
import { partitionOf, roleArn, roleSessionName } from '../../../src/aws/partition.js';

describe('partition names', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-central-2', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
  ])('the partition of %s is %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });

  it('builds the spoke role ARN in the hub partition', () => {
    expect(roleArn('aws-cn', '123456789012', 'configreport-read-role')).toBe(
      'arn:aws-cn:iam::123456789012:role/configreport-read-role',
    );
  });

  it('builds a session name STS accepts from any safe shard id', () => {
    expect(roleSessionName('01')).toBe('configreport-01');
    const long = roleSessionName('s'.repeat(128));
    expect(long).toHaveLength(64);
    expect(long).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
