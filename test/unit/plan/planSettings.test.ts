import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARD_SIZE, readPlanSettings } from '../../../src/config/planSettings.js';

describe('plan settings', () => {
  it('defaults to the hub region, the seed role and the default shard size', () => {
    const settings = readPlanSettings({}, 'eu-west-1');
    expect(settings).toMatchObject({
      shardSize: DEFAULT_SHARD_SIZE,
      roleName: 'configreport-read-role',
      regions: ['eu-west-1'],
      readTags: true,
      excludeAccounts: [],
    });
    expect(settings.organizationsRoleArn).toBeUndefined();
  });

  it('reads every variable', () => {
    const settings = readPlanSettings(
      {
        PLAN_SHARD_SIZE: '10',
        CONFIGREPORT_ROLE_NAME: 'my-role',
        CONFIGREPORT_REGIONS: 'us-east-1, eu-west-1,us-east-1',
        PLAN_READ_TAGS: 'false',
        PLAN_TAG_CONCURRENCY: '3',
        PLAN_EXCLUDE_ACCOUNTS: '111111111111',
        ORGANIZATIONS_ROLE_ARN: 'arn:aws:iam::222222222222:role/org-reader',
        ORGANIZATIONS_EXTERNAL_ID: 'ext-1',
      },
      'us-east-1',
    );
    expect(settings).toMatchObject({
      shardSize: 10,
      roleName: 'my-role',
      regions: ['us-east-1', 'eu-west-1'],
      readTags: false,
      tagConcurrency: 3,
      excludeAccounts: ['111111111111'],
      organizationsRoleArn: 'arn:aws:iam::222222222222:role/org-reader',
      organizationsExternalId: 'ext-1',
    });
  });

  it.each([
    [{ PLAN_SHARD_SIZE: '0' }, /PLAN_SHARD_SIZE: must be between 1 and 1000/],
    [{ PLAN_SHARD_SIZE: '2.5' }, /PLAN_SHARD_SIZE: must be an integer/],
    [{ PLAN_SHARD_SIZE: 'many' }, /PLAN_SHARD_SIZE: must be a number/],
    [{ CONFIGREPORT_REGIONS: 'us-east-1,mars' }, /CONFIGREPORT_REGIONS: "mars"/],
    [{ PLAN_EXCLUDE_ACCOUNTS: '123' }, /PLAN_EXCLUDE_ACCOUNTS: "123"/],
    [{ CONFIGREPORT_ROLE_NAME: 'bad role' }, /CONFIGREPORT_ROLE_NAME/],
    [{ ORGANIZATIONS_ROLE_ARN: 'org-reader' }, /ORGANIZATIONS_ROLE_ARN: must be an IAM role ARN/],
    [{ PLAN_READ_TAGS: 'maybe' }, /PLAN_READ_TAGS: must be true or false/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => readPlanSettings(env, 'us-east-1')).toThrow(message);
  });
});
