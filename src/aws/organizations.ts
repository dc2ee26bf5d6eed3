/**
 * AWS Organizations adapter for plan mode: ListAccounts (all pages, empty pages included),
 * ListTagsForResource and ListParents (all pages) and DescribeOrganizationalUnit, optionally through
 * a role in the management or delegated-admin account. Throttling slows it down; it never loses a
 * page.
 */
import {
  DescribeOrganizationalUnitCommand,
  type DescribeOrganizationalUnitCommandOutput,
  ListAccountsCommand,
  type ListAccountsCommandOutput,
  ListParentsCommand,
  type ListParentsCommandOutput,
  ListTagsForResourceCommand,
  type ListTagsForResourceCommandOutput,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { LoggerPort } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import type {
  OrgAccount,
  OrganizationsPort,
  OrganizationsPortOptions,
  OrgParent,
} from '../modes/plan/types.js';
import type { AwsClientSettings } from './clientConfig.js';
import { DEFAULT_RETRY, type RetryOptions, withRetry } from './organizationsRetry.js';
import { baseCredentials, createRequestHandler, httpSettingsOf } from './requestHandlers.js';

/** ListAccounts accepts at most 20 per page. */
export const LIST_ACCOUNTS_PAGE_SIZE = 20;
/** Guard against a server that keeps returning a NextToken forever (10,000 pages = 200,000 accounts). */
export const MAX_PAGES = 10_000;

/** Organizations has one global endpoint per partition; sign for its home region. */
export function organizationsRegion(hubRegion: string): string {
  if (hubRegion.startsWith('cn-')) return 'cn-northwest-1';
  if (hubRegion.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

/** Extra options for the adapter (tests shorten the backoff). */
export interface OrganizationsAdapterOptions extends OrganizationsPortOptions {
  retry?: RetryOptions;
  logger?: LoggerPort;
}

/**
 * Builds the SDK client: hub credentials, or temporary credentials of `roleArn` when given. Both the
 * client and the STS client behind the role use the proxied, fail-fast handler (requestHandlers.ts).
 */
export function createOrganizationsClient(
  settings: AwsClientSettings,
  options: OrganizationsPortOptions = {},
): OrganizationsClient {
  const http = httpSettingsOf(settings);
  const base = baseCredentials(settings);
  const credentials = options.roleArn
    ? fromTemporaryCredentials({
        params: {
          RoleArn: options.roleArn,
          RoleSessionName: 'configreport-plan',
          DurationSeconds: 3600,
          ...(options.externalId !== undefined ? { ExternalId: options.externalId } : {}),
        },
        ...(base !== undefined ? { masterCredentials: base } : {}),
        clientConfig: {
          region: settings.region,
          maxAttempts: settings.maxAttempts,
          requestHandler: createRequestHandler(http, { service: 'sts' }) as never,
          ...(settings.endpoints.sts !== undefined ? { endpoint: settings.endpoints.sts } : {}),
        },
      })
    : base;
  return new OrganizationsClient({
    region: organizationsRegion(settings.region),
    maxAttempts: settings.maxAttempts,
    requestHandler: createRequestHandler(http, { service: 'organizations' }) as never,
    ...(credentials !== undefined ? { credentials } : {}),
    ...(settings.endpoints.organizations !== undefined ? { endpoint: settings.endpoints.organizations } : {}),
  });
}

/** The Organizations port over a real SDK client. */
export function createOrganizationsPort(
  settings: AwsClientSettings,
  options: OrganizationsAdapterOptions = {},
): OrganizationsPort {
  const client = createOrganizationsClient(settings, options);
  return organizationsPortFromClient(client, options);
}

/**
 * Reads every page of a listing. An empty page with a NextToken is legal ("can occasionally return
 * an empty set of results even when more results are available"), so only a missing token ends it.
 */
async function eachPage<Page extends { NextToken?: string | undefined }>(
  operation: string,
  fetchPage: (token: string | undefined) => Promise<Page>,
  onPage: (page: Page) => void,
): Promise<void> {
  let nextToken: string | undefined;
  let pages = 0;
  do {
    if (++pages > MAX_PAGES) throw new Error(`${operation} returned more than ${MAX_PAGES} pages`);
    const page = await fetchPage(nextToken);
    onPage(page);
    nextToken = page.NextToken || undefined;
  } while (nextToken !== undefined);
}

/** Every account of the organization (ListAccounts, all pages). */
async function listAllAccounts(
  client: Pick<OrganizationsClient, 'send'>,
  retry: RetryOptions,
): Promise<OrgAccount[]> {
  const accounts: OrgAccount[] = [];
  await eachPage(
    'ListAccounts',
    (token) =>
      withRetry(
        () =>
          client.send(
            new ListAccountsCommand({ MaxResults: LIST_ACCOUNTS_PAGE_SIZE, ...nextTokenOf(token) }),
          ),
        retry,
      ),
    (page: ListAccountsCommandOutput) => {
      for (const account of page.Accounts ?? []) {
        if (!account.Id) continue;
        accounts.push({
          id: account.Id,
          name: account.Name ?? '',
          // `Status` retires on 2026-09-09; prefer `State`, fall back for older servers.
          state: account.State ?? account.Status ?? 'UNKNOWN',
        });
      }
    },
  );
  return accounts;
}

const nextTokenOf = (token: string | undefined) => (token !== undefined ? { NextToken: token } : {});

/** The port over a given client (lets tests and callers share one client). */
export function organizationsPortFromClient(
  client: Pick<OrganizationsClient, 'send'>,
  options: Pick<OrganizationsAdapterOptions, 'retry' | 'logger'> = {},
): OrganizationsPort {
  const logger = options.logger ?? silentLogger;
  const retry: RetryOptions = {
    ...(options.retry ?? DEFAULT_RETRY),
    onRetry: (error, attempt, delayMs) =>
      logger.warn('Organizations call failed; retrying', {
        error_name: error instanceof Error ? error.name : 'Error',
        attempt,
        delay_ms: delayMs,
      }),
  };
  return {
    listAccounts: () => listAllAccounts(client, retry),

    async listTags(accountId: string): Promise<Record<string, string>> {
      const tags: Record<string, string> = {};
      await eachPage(
        'ListTagsForResource',
        (token) =>
          withRetry(
            () =>
              client.send(new ListTagsForResourceCommand({ ResourceId: accountId, ...nextTokenOf(token) })),
            retry,
          ),
        (page: ListTagsForResourceCommandOutput) => {
          for (const tag of page.Tags ?? []) if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
        },
      );
      return tags;
    },

    async listParents(childId: string): Promise<OrgParent[]> {
      const parents: OrgParent[] = [];
      await eachPage(
        'ListParents',
        (token) =>
          withRetry(
            () => client.send(new ListParentsCommand({ ChildId: childId, ...nextTokenOf(token) })),
            retry,
          ),
        (page: ListParentsCommandOutput) => {
          for (const parent of page.Parents ?? []) {
            if (!parent.Id) continue;
            parents.push({
              id: parent.Id,
              type: parent.Type ?? (parent.Id.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT'),
            });
          }
        },
      );
      return parents;
    },

    async describeOrganizationalUnit(ouId: string): Promise<{ id: string; name: string }> {
      const out: DescribeOrganizationalUnitCommandOutput = await withRetry(
        () => client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ouId })),
        retry,
      );
      return { id: out.OrganizationalUnit?.Id ?? ouId, name: out.OrganizationalUnit?.Name ?? ouId };
    },
  };
}
