/**
 * Types of plan mode: its dependencies (injected, so the mode is testable without AWS), the
 * Organizations port the AWS adapter implements, and the small result Step Functions carries.
 */
import type { EnvironmentRule } from '../../core/environment.js';
import type { EventAccount } from '../../core/event.js';
import type { LoggerPort } from '../../core/logger.js';
import type { PlanManifest } from '../../core/model.js';
import type { Store } from '../../store/Store.js';

/** Plan mode's settings (resolved by the composition root from the settings table). */
export interface PlanSettings {
  /** Maximum accounts per shard (shards are balanced, so most hold slightly fewer). */
  shardSize: number;
  /** Role name recorded in the manifest when the event gives none. */
  roleName: string;
  /** Regions recorded in the manifest when the event gives none. */
  regions: string[];
  /** Read account tags from Organizations (one ListTagsForResource per active account). */
  readTags: boolean;
  /** Parallel ListTagsForResource calls (also the parallel OU reads). */
  tagConcurrency: number;
  /** Read each account's OU path from Organizations (ListParents, DescribeOrganizationalUnit). */
  readOus: boolean;
  /** Account tag keys (lower-case) whose value labels the account Prod / Non-Prod. */
  environmentTagKeys: string[];
  /** Tag values (lower-case) meaning Prod. */
  prodTagValues: string[];
  /** Tag values (lower-case) meaning Non-Prod. */
  nonProdTagValues: string[];
  /** Name rules (first match wins), shared with final mode: one classifier labels both. */
  environmentRules: EnvironmentRule[];
  /** Account ids never collected (listed in the manifest's skipped accounts as `EXCLUDED`). */
  excludeAccounts: string[];
  /** Role in the management / delegated-admin account to assume for Organizations calls. */
  organizationsRoleArn?: string;
  /** ExternalId for that role, when its trust policy asks for one. */
  organizationsExternalId?: string;
}

/** An account as Organizations lists it. */
export interface OrgAccount {
  id: string;
  name: string;
  /** `State` (ACTIVE, SUSPENDED, PENDING_ACTIVATION, PENDING_CLOSURE, CLOSED), else the retiring `Status`. */
  state: string;
}

/** A container holding an account or OU, as ListParents names it. */
export interface OrgParent {
  id: string;
  /** `ROOT` or `ORGANIZATIONAL_UNIT`. */
  type: string;
}

/** What plan mode needs from AWS Organizations. Implemented by src/aws/organizations.ts. */
export interface OrganizationsPort {
  /** Every account of the organization, all pages (empty pages with a NextToken included). */
  listAccounts(): Promise<OrgAccount[]>;
  /** Every tag of one account, all pages. */
  listTags(accountId: string): Promise<Record<string, string>>;
  /**
   * The parents of an account or OU (ListParents, all pages; AWS gives exactly one). Optional, like
   * {@link describeOrganizationalUnit}: a port without them plans without OU paths.
   */
  listParents?(childId: string): Promise<OrgParent[]>;
  /** One OU's id and name (DescribeOrganizationalUnit). */
  describeOrganizationalUnit?(ouId: string): Promise<{ id: string; name: string }>;
}

/** Options for building the Organizations port: the event may name a role to assume first. */
export interface OrganizationsPortOptions {
  roleArn?: string;
  externalId?: string;
}

/** An account found but not collected (not ACTIVE, or excluded by configuration). */
export type SkippedAccount = PlanManifest['skipped_accounts'][number];

/** Accounts handed to the plan from outside the event (the CLI's `--accounts-file`). */
export interface SuppliedAccounts {
  source: 'accounts-file';
  accounts: EventAccount[];
  /** Accounts the file lists as not collectable (for example SUSPENDED in list-accounts output). */
  skipped?: SkippedAccount[];
}

/** Dependencies of `runPlan`. */
export interface PlanDeps {
  store: Store;
  /** Normalised REPORT_PREFIX (see normalizePrefix). */
  prefix: string;
  settings: PlanSettings;
  /** Builds the Organizations port; used only when neither the event nor `supplied` lists accounts. */
  organizations?: (options: OrganizationsPortOptions) => OrganizationsPort;
  /** Accounts from a file; they win over the event's accounts and over Organizations. */
  supplied?: SuppliedAccounts;
  logger: LoggerPort;
  /** Wall clock for the manifest's `created_at`. */
  clock: () => Date;
}

/**
 * What plan mode returns: only ids and counts, so a Step Functions payload stays far below
 * 256 KiB whatever the organization's size. The account lists live in the manifest.
 */
export interface PlanResult {
  groupId: string;
  planKey: string;
  shardIds: string[];
  roleName: string;
  regions: string[];
  /** Accounts planned for collection. */
  accountsCount: number;
  /** Accounts found but not collected (not ACTIVE, or excluded). */
  skippedCount: number;
  /** Accounts whose tags could not be read (planned without tags; their ids are in the log). */
  tagFailures: number;
  /** Accounts whose OU path could not be read (planned with an empty `ou_path`; see the manifest's warnings). */
  ouFailures: number;
  source: PlanManifest['source'];
}
