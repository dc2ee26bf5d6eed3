/**
 * Types of plan mode: its dependencies (injected, so the mode is testable without AWS), the
 * Organizations port the AWS adapter implements, and the small result Step Functions carries.
 */
import type { PlanSettings } from '../../config/planSettings.js';
import type { EventAccount } from '../../core/event.js';
import type { LoggerPort } from '../../core/logger.js';
import type { PlanManifest } from '../../core/model.js';
import type { Store } from '../../store/Store.js';

/** An account as Organizations lists it. */
export interface OrgAccount {
  id: string;
  name: string;
  /** `State` (ACTIVE, SUSPENDED, PENDING_ACTIVATION, PENDING_CLOSURE, CLOSED), else the retiring `Status`. */
  state: string;
}

/** What plan mode needs from AWS Organizations. Implemented by src/aws/organizations.ts. */
export interface OrganizationsPort {
  /** Every account of the organization, all pages (empty pages with a NextToken included). */
  listAccounts(): Promise<OrgAccount[]>;
  /** Every tag of one account, all pages. */
  listTags(accountId: string): Promise<Record<string, string>>;
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
  logger?: LoggerPort;
  now?: () => Date;
}

/**
 * What plan mode returns: only ids and counts, so a Step Functions payload stays far below
 * 256 KiB whatever the organization's size. The account lists live in the manifest.
 */
export interface PlanResult {
  group_id: string;
  plan_key: string;
  shard_ids: string[];
  role_name: string;
  regions: string[];
  /** Accounts planned for collection. */
  accounts_count: number;
  /** Accounts found but not collected (not ACTIVE, or excluded). */
  skipped_count: number;
  /** Accounts whose tags could not be read (planned without tags; their ids are in the log). */
  tag_failures: number;
  source: PlanManifest['source'];
}
