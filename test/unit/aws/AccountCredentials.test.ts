import type { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { AccountCredentials } from '../../../src/aws/AccountCredentials.js';

interface SentInput {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string;
  DurationSeconds?: number;
}

/** A fake STS at the edge of the unit: records AssumeRole inputs, answers or denies. */
function fakeSts(now: () => number, denied = new Set<string>()) {
  const sent: SentInput[] = [];
  const client = {
    send: async (command: { input: SentInput }) => {
      sent.push(command.input);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const account = command.input.RoleArn.split(':')[4]!;
      if (denied.has(account)) {
        const error = new Error(`not authorized to perform: sts:AssumeRole on ${command.input.RoleArn}`);
        error.name = 'AccessDenied';
        throw error;
      }
      return {
        Credentials: {
          AccessKeyId: `ASIA${account}${sent.length}`,
          SecretAccessKey: 'secret',
          SessionToken: 'token',
          Expiration: new Date(now() + 3600_000),
        },
      };
    },
  };
  return { client: client as unknown as STSClient, sent };
}

const settings = { partition: 'aws', roleName: 'configreport-read-role', sessionName: 'configreport-01' };

describe('AccountCredentials', () => {
  it('assumes the role once per account, shared by concurrent regions', async () => {
    let now = 0;
    const sts = fakeSts(() => now);
    const credentials = new AccountCredentials(sts.client, { ...settings, externalId: 'ext-123' }, () => now);
    const [a, b] = await Promise.all([credentials.get('111122223333'), credentials.get('111122223333')]);
    expect(a).toBe(b);
    expect(sts.sent).toEqual([
      {
        RoleArn: 'arn:aws:iam::111122223333:role/configreport-read-role',
        RoleSessionName: 'configreport-01',
        DurationSeconds: 3600,
        ExternalId: 'ext-123',
      },
    ]);
    now += 30 * 60_000;
    await credentials.get('111122223333');
    expect(sts.sent).toHaveLength(1);
  });

  it('re-assumes before the one-hour session runs out', async () => {
    let now = 0;
    const sts = fakeSts(() => now);
    const credentials = new AccountCredentials(sts.client, settings, () => now);
    const first = await credentials.get('111122223333');
    now += 55 * 60_000;
    const second = await credentials.get('111122223333');
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.expiration!.getTime() - now).toBeGreaterThan(50 * 60_000);
    expect(credentials.assumeRoleCalls).toBe(2);
  });

  it('remembers a denial instead of asking again for every region', async () => {
    const sts = fakeSts(() => 0, new Set(['999988887777']));
    const credentials = new AccountCredentials(sts.client, settings, () => 0);
    await expect(credentials.get('999988887777')).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(credentials.get('999988887777')).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(sts.sent).toHaveLength(1);
  });

  it('uses the partition it is given', async () => {
    const sts = fakeSts(() => 0);
    const credentials = new AccountCredentials(sts.client, { ...settings, partition: 'aws-us-gov' }, () => 0);
    await credentials.get('111122223333');
    expect(sts.sent[0]!.RoleArn).toBe('arn:aws-us-gov:iam::111122223333:role/configreport-read-role');
  });
});
