/**
 * STS and Organizations conformance with the real SDK v3 clients: role assumption and its trust
 * rules, caller identity, ListAccounts paging (≤ 20, empty pages), tags, and who may call.
 */

import {
  type Account,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListTagsForResourceCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { assume, errorOf, memberAccounts, orgsClient, stsClient } from './clients.js';

let sim: RunningSimulator;
let member: string;
let denied: string;

beforeAll(async () => {
  sim = await startSimulator({ accounts: 65, seed: 5, s3: false });
  const members = memberAccounts(sim, 3);
  member = members[0]!;
  denied = members[1]!;
  sim.denyRole(denied);
});
afterAll(() => sim.stop());

const roleArn = (account: string, role = 'configreport-read-role') => `arn:aws:iam::${account}:role/${role}`;

describe('STS AssumeRole', () => {
  it('issues session credentials for the target account and role', async () => {
    const out = await stsClient(sim).send(
      new AssumeRoleCommand({ RoleArn: roleArn(member), RoleSessionName: 'run-2026-01-01' }),
    );
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials?.SessionToken?.length).toBeGreaterThan(100);
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
    const ttl = out.Credentials!.Expiration!.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    expect(out.AssumedRoleUser?.Arn).toBe(
      `arn:aws:sts::${member}:assumed-role/configreport-read-role/run-2026-01-01`,
    );
    const who = await stsClient(sim, await assume(sim, member)).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(member);
    expect(who.Arn).toContain(':assumed-role/configreport-read-role/');
  });

  it('GetCallerIdentity with any other key is the hub', async () => {
    const who = await stsClient(sim, { accessKeyId: 'AKIAANYTHINGELSE0001', secretAccessKey: 'x' }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who.Account).toBe(sim.hubAccountId);
  });

  it.each([
    ['a denied account', () => roleArn(denied)],
    ['a role that does not exist', () => roleArn(member, 'other-role')],
    ['an account outside the org', () => roleArn('999999999999')],
    ['a suspended account', () => roleArn(sim.accounts().find((a) => a.state === 'SUSPENDED')!.accountId)],
  ])('answers AccessDenied (403, Sender) for %s', async (_label, arn) => {
    const err = await errorOf(() =>
      stsClient(sim).send(new AssumeRoleCommand({ RoleArn: arn(), RoleSessionName: 'x1' })),
    );
    expect(err.name).toBe('AccessDenied');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 403 });
    expect(err.$fault).toBe('client');
    expect(err.message).toContain('is not authorized to perform: sts:AssumeRole');
  });

  it('denial can be lifted at run time', async () => {
    const other = memberAccounts(sim, 3)[2]!;
    sim.denyRole(other);
    const err = await errorOf(() => assume(sim, other));
    expect(err.name).toBe('AccessDenied');
    sim.denyRole(other, false);
    await expect(assume(sim, other)).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
  });

  it('rejects role chaining: a spoke session is not trusted by another account', async () => {
    const spoke = stsClient(sim, await assume(sim, member));
    const err = await errorOf(() =>
      spoke.send(
        new AssumeRoleCommand({ RoleArn: roleArn(memberAccounts(sim, 3)[2]!), RoleSessionName: 'chain' }),
      ),
    );
    expect(err.name).toBe('AccessDenied');
  });

  it.each([
    [{ RoleSessionName: 'x' }, 'ValidationError'],
    [{ RoleSessionName: 'has space' }, 'ValidationError'],
    [{ DurationSeconds: 7200 }, 'ValidationError'],
    [{ DurationSeconds: 600 }, 'ValidationError'],
  ])('validates %j', async (input, code) => {
    const err = await errorOf(() =>
      stsClient(sim).send(
        new AssumeRoleCommand({ RoleArn: roleArn(member), RoleSessionName: 'ok-name', ...input }),
      ),
    );
    expect(err.name).toBe(code);
    expect(err.$metadata).toMatchObject({ httpStatusCode: 400 });
  });
});

describe('STS with an ExternalId', () => {
  it('requires the configured ExternalId', async () => {
    const withId = await startSimulator({
      accounts: 4,
      seed: 2,
      externalId: 'org-compliance-2026',
      s3: false,
    });
    try {
      const target = memberAccounts(withId, 1)[0]!;
      const missing = await errorOf(() => assume(withId, target));
      expect(missing.name).toBe('AccessDenied');
      const wrong = await errorOf(() => assume(withId, target, { ExternalId: 'wrong-id' }));
      expect(wrong.name).toBe('AccessDenied');
      await expect(assume(withId, target, { ExternalId: 'org-compliance-2026' })).resolves.toBeDefined();
    } finally {
      await withId.stop();
    }
  });
});

describe('Organizations', () => {
  it('lists every account in pages of at most 20, including empty pages with a NextToken', async () => {
    const accounts: Account[] = [];
    const sizes: number[] = [];
    for await (const page of paginateListAccounts({ client: orgsClient(sim), pageSize: 20 }, {})) {
      sizes.push(page.Accounts?.length ?? 0);
      accounts.push(...(page.Accounts ?? []));
    }
    expect(Math.max(...sizes)).toBe(20);
    expect(sizes).toContain(0);
    expect(accounts.map((a) => a.Id)).toEqual(sim.accounts().map((a) => a.accountId));
    const suspended = accounts.filter((a) => a.State === 'SUSPENDED');
    expect(suspended.length).toBeGreaterThan(0);
    expect(accounts[0]).toMatchObject({ Id: sim.hubAccountId, Name: 'management', State: 'ACTIVE' });
    expect(accounts[0]?.JoinedTimestamp).toBeInstanceOf(Date);
    const names = accounts.map((a) => a.Name!);
    expect(names).toEqual(expect.arrayContaining(['security-audit', 'shared-network', 'log-archive']));
    expect(names.some((n) => /^prod-[a-z]+-\d\d$/.test(n))).toBe(true);
    expect(names.some((n) => /^sandbox-[a-z]+-\d\d$/.test(n))).toBe(true);
  });

  it('rejects MaxResults over 20 and a foreign NextToken with InvalidInputException', async () => {
    const big = await errorOf(() => orgsClient(sim).send(new ListAccountsCommand({ MaxResults: 21 })));
    expect(big.name).toBe('InvalidInputException');
    const token = await errorOf(() => orgsClient(sim).send(new ListAccountsCommand({ NextToken: 'bogus' })));
    expect(token.name).toBe('InvalidInputException');
  });

  it('returns account tags; unknown targets are TargetNotFoundException', async () => {
    const out = await orgsClient(sim).send(new ListTagsForResourceCommand({ ResourceId: member }));
    const tags = Object.fromEntries(out.Tags!.map((t) => [t.Key, t.Value]));
    expect(tags).toEqual(sim.accounts().find((a) => a.accountId === member)!.tags);
    expect(tags['cost-center']).toMatch(/^CC-\d{4}$/);
    const err = await errorOf(() =>
      orgsClient(sim).send(new ListTagsForResourceCommand({ ResourceId: '999999999999' })),
    );
    expect(err.name).toBe('TargetNotFoundException');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 404 });
  });

  it('describes the organization; member accounts get AccessDeniedException', async () => {
    const org = await orgsClient(sim).send(new DescribeOrganizationCommand({}));
    expect(org.Organization).toMatchObject({ MasterAccountId: sim.hubAccountId, FeatureSet: 'ALL' });
    expect(org.Organization?.Id).toMatch(/^o-[0-9a-f]{10}$/);
    const memberClient = orgsClient(sim, await assume(sim, member));
    const err = await errorOf(() => memberClient.send(new ListAccountsCommand({})));
    expect(err.name).toBe('AccessDeniedException');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 403 });
  });
});
