import { ListAccountsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { organizationsPortFromClient, organizationsRegion } from '../../../src/aws/organizations.js';
import { isRetryableAwsError, withRetry } from '../../../src/aws/organizationsRetry.js';

const noWait = { retries: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };
const throttle = () =>
  Object.assign(new Error('Rate exceeded'), {
    name: 'TooManyRequestsException',
    $metadata: { httpStatusCode: 400 },
  });

/** A scripted client at the edge of the unit: answers or errors in order, recording inputs. */
function scripted(answers: (object | Error)[]) {
  const inputs: { command: string; input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      inputs.push({ command: command.constructor.name, input: command.input });
      const next = answers.shift();
      if (next === undefined) throw new Error('no more scripted answers');
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return { client: client as never, inputs };
}

describe('Organizations adapter', () => {
  it('follows NextToken through empty pages and prefers State over Status', async () => {
    const { client, inputs } = scripted([
      { Accounts: [{ Id: '111111111111', Name: 'a', State: 'ACTIVE', Status: 'ACTIVE' }], NextToken: 't1' },
      { Accounts: [], NextToken: 't2' },
      {
        Accounts: [
          { Id: '222222222222', Name: 'b', Status: 'SUSPENDED' },
          { Id: '333333333333', State: 'CLOSED' },
        ],
      },
    ]);
    const accounts = await organizationsPortFromClient(client, { retry: noWait }).listAccounts();
    expect(accounts).toEqual([
      { id: '111111111111', name: 'a', state: 'ACTIVE' },
      { id: '222222222222', name: 'b', state: 'SUSPENDED' },
      { id: '333333333333', name: '', state: 'CLOSED' },
    ]);
    expect(inputs.map((i) => i.input)).toEqual([
      { MaxResults: 20 },
      { MaxResults: 20, NextToken: 't1' },
      { MaxResults: 20, NextToken: 't2' },
    ]);
    expect(inputs.every((i) => i.command === ListAccountsCommand.name)).toBe(true);
  });

  it('retries a throttled page with the same token and loses nothing', async () => {
    const { client, inputs } = scripted([
      { Accounts: [{ Id: '111111111111', Name: 'a', State: 'ACTIVE' }], NextToken: 't1' },
      throttle(),
      throttle(),
      { Accounts: [{ Id: '222222222222', Name: 'b', State: 'ACTIVE' }] },
    ]);
    const accounts = await organizationsPortFromClient(client, { retry: noWait }).listAccounts();
    expect(accounts.map((a) => a.id)).toEqual(['111111111111', '222222222222']);
    expect(inputs.slice(1).map((i) => i.input.NextToken)).toEqual(['t1', 't1', 't1']);
  });

  it('reads every page of an account tags', async () => {
    const { client, inputs } = scripted([
      { Tags: [{ Key: 'Environment', Value: 'prod' }], NextToken: 'n' },
      { Tags: [{ Key: 'Owner', Value: 'x' }] },
    ]);
    const tags = await organizationsPortFromClient(client, { retry: noWait }).listTags('111111111111');
    expect(tags).toEqual({ Environment: 'prod', Owner: 'x' });
    expect(inputs[1]).toEqual({
      command: ListTagsForResourceCommand.name,
      input: { ResourceId: '111111111111', NextToken: 'n' },
    });
  });

  it('does not retry a permanent error', async () => {
    const denied = Object.assign(new Error('no'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    const { client, inputs } = scripted([denied, {}]);
    await expect(organizationsPortFromClient(client, { retry: noWait }).listAccounts()).rejects.toThrow('no');
    expect(inputs).toHaveLength(1);
  });

  it('gives up after the configured retries', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw throttle();
      }, noWait),
    ).rejects.toThrow('Rate exceeded');
    expect(calls).toBe(4);
  });

  it.each([
    [throttle(), true],
    [Object.assign(new Error('x'), { name: 'ServiceException' }), true],
    [Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }), true],
    [Object.assign(new Error('x'), { code: 'ECONNRESET' }), true],
    [Object.assign(new Error('x'), { name: 'AWSOrganizationsNotInUseException' }), false],
    ['text', false],
  ])('classifies %o as retryable=%s', (error, expected) => {
    expect(isRetryableAwsError(error)).toBe(expected);
  });

  it('signs for the partition home region of the global endpoint', () => {
    expect(organizationsRegion('eu-west-1')).toBe('us-east-1');
    expect(organizationsRegion('cn-north-1')).toBe('cn-northwest-1');
    expect(organizationsRegion('us-gov-east-1')).toBe('us-gov-west-1');
  });
});
