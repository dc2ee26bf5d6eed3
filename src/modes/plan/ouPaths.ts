/**
 * OU paths of the planned accounts, read from Organizations: ListParents for each account gives
 * its parent; for an OU parent, ListParents again (the OU's own parent) and
 * DescribeOrganizationalUnit (its name), up to the root. Every parent is cached as a promise, so
 * each OU is asked once however many accounts it holds, even with reads in flight in parallel:
 * N accounts in K OUs cost N + 2K calls.
 *
 * The path is the root's name, `Root` (the name AWS gives every organization root; it cannot be
 * renamed), then each OU's name down to the account's parent, joined with `/`:
 * `Root/Workloads/Prod`, or `Root` for an account directly under the root. OU names are used as
 * they are (a `/` inside a name is not escaped).
 *
 * Reading OUs never fails the plan: an account whose path cannot be read gets an empty path and is
 * counted; an access error (no permission, Organizations not in use) stops the remaining reads,
 * since every other call would fail the same way.
 */
import pLimit from 'p-limit';
import type { LoggerPort } from '../../core/logger.js';
import type { PlannedAccount } from '../../core/model.js';
import type { OrganizationsPort, OrgParent } from './types.js';

/** The name of an organization root. */
export const ROOT_NAME = 'Root';

/** OU parents nest at most five levels below the root; deeper (or a cycle) is malformed data. */
const MAX_DEPTH = 10;

/** Error names that mean no OU read can succeed: stop asking. */
const STOP_ERRORS = new Set(['AccessDeniedException', 'AWSOrganizationsNotInUseException']);

/** The two Organizations calls the tree needs. */
export type OuTreePort = Required<Pick<OrganizationsPort, 'listParents' | 'describeOrganizationalUnit'>>;

/** Path lookups over one Organizations port, with every parent and OU path cached. */
export class OuPathCache {
  readonly #port: OuTreePort;
  readonly #parents = new Map<string, Promise<OrgParent>>();
  readonly #paths = new Map<string, Promise<string>>();

  constructor(port: OuTreePort) {
    this.#port = port;
  }

  /** The OU path of an account (see the module comment for the format). */
  async accountPath(accountId: string): Promise<string> {
    return this.#containerPath(await this.#parentOf(accountId), []);
  }

  #parentOf(childId: string): Promise<OrgParent> {
    let parent = this.#parents.get(childId);
    if (!parent) {
      parent = this.#port.listParents(childId).then((parents) => {
        const first = parents[0];
        if (!first) throw new Error(`ListParents returned no parent for ${childId}`);
        return first;
      });
      this.#parents.set(childId, parent);
    }
    return parent;
  }

  #containerPath(parent: OrgParent, below: readonly string[]): Promise<string> {
    if (parent.type === 'ROOT') return Promise.resolve(ROOT_NAME);
    if (below.includes(parent.id) || below.length >= MAX_DEPTH)
      return Promise.reject(new Error(`OU ${parent.id} is nested too deep or in a cycle`));
    let path = this.#paths.get(parent.id);
    if (!path) {
      const chain = [...below, parent.id];
      path = Promise.all([
        this.#parentOf(parent.id).then((grandParent) => this.#containerPath(grandParent, chain)),
        this.#port.describeOrganizationalUnit(parent.id),
      ]).then(([above, ou]) => `${above}/${ou.name}`);
      this.#paths.set(parent.id, path);
    }
    return path;
  }
}

/** OU paths by account id, and what could not be read. */
export interface OuPathsRead {
  /** Every asked account: its path, or `''` when it could not be read. */
  paths: Map<string, string>;
  /** Accounts whose path could not be read, sorted. */
  failed: string[];
  /** The first error, as `Name: message`, for the warning. */
  firstError?: string;
}

/** Reads the OU path of every account with bounded concurrency; never throws. */
export async function readOuPaths(
  port: OuTreePort,
  accountIds: readonly string[],
  concurrency: number,
  logger: LoggerPort,
): Promise<OuPathsRead> {
  const cache = new OuPathCache(port);
  const limit = pLimit(concurrency);
  const paths = new Map<string, string>();
  const failed: string[] = [];
  let firstError: string | undefined;
  let stopped = false;
  await Promise.all(
    accountIds.map((accountId) =>
      limit(async () => {
        if (stopped) {
          paths.set(accountId, '');
          failed.push(accountId);
          return;
        }
        try {
          paths.set(accountId, await cache.accountPath(accountId));
        } catch (error) {
          const { name, message } = error instanceof Error ? error : new Error(String(error));
          firstError ??= `${name}: ${message}`;
          if (STOP_ERRORS.has(name)) stopped = true;
          paths.set(accountId, '');
          failed.push(accountId);
          logger.warn('Account OU path unreadable; planned without it', {
            account_id: accountId,
            error_name: name,
            error_message: message,
          });
        }
      }),
    ),
  );
  return { paths, failed: failed.sort(), ...(firstError !== undefined ? { firstError } : {}) };
}

/** The plan's warning for accounts without an OU path, or undefined when every path was read. */
export function ouWarning(read: OuPathsRead, accounts: number): string | undefined {
  if (read.failed.length === 0) return undefined;
  return (
    `OU paths could not be read for ${read.failed.length} of ${accounts} account(s) ` +
    `(first error: ${read.firstError ?? 'unknown'}); their OU path is empty`
  );
}

/**
 * The planned accounts with `ou_path` set, when the port can read the tree (else unchanged), the
 * number of accounts whose path could not be read, and the plan's warning about them.
 */
export async function withOuPaths(
  port: OrganizationsPort,
  planned: readonly PlannedAccount[],
  concurrency: number,
  logger: LoggerPort,
): Promise<{ planned: PlannedAccount[]; failed: number; warning?: string }> {
  const { listParents, describeOrganizationalUnit } = port;
  if (!listParents || !describeOrganizationalUnit) return { planned: [...planned], failed: 0 };
  const tree: OuTreePort = {
    listParents: (id) => listParents.call(port, id),
    describeOrganizationalUnit: (id) => describeOrganizationalUnit.call(port, id),
  };
  const ids = planned.map((a) => a.account_id);
  const read = await readOuPaths(tree, ids, concurrency, logger);
  const warning = ouWarning(read, ids.length);
  if (warning !== undefined) logger.warn('OU paths incomplete', { failed: read.failed.length });
  return {
    planned: planned.map((a) => ({ ...a, ou_path: read.paths.get(a.account_id) ?? '' })),
    failed: read.failed.length,
    ...(warning !== undefined ? { warning } : {}),
  };
}
