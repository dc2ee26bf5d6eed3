/**
 * What the doctor needs from the outside world, in its own words: who the hub credentials are, the
 * accounts (Organizations or an accounts file), the report store, and the spoke accounts' read role
 * and Config recorders. Implemented by src/aws/doctorProbes.ts and src/app/doctorFolder.ts; tests
 * pass fakes. Ports throw what the SDK throws; `classify` (an adapter too) turns any of it into a
 * {@link CheckFailure}, so the doctor never looks at SDK error names itself.
 */
import type { EventAccount } from '../../core/event.js';
import type { LoggerPort } from '../../core/logger.js';
import type { RecorderState } from '../batch/ports.js';
import type { OrgAccount, SkippedAccount } from '../plan/types.js';

/** What kind of failure a call met: the fix depends on it. */
export const FAILURE_KINDS = [
  'no-credentials',
  'expired-credentials',
  'invalid-credentials',
  'unreachable',
  'access-denied',
  'no-such-bucket',
  'wrong-region',
  'not-in-organization',
  'throttled',
  'other',
] as const;
/** One of {@link FAILURE_KINDS}. */
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** A failed call, classified. */
export interface CheckFailure {
  kind: FailureKind;
  /** AWS's (or Node's) error name. */
  name: string;
  message: string;
}

/** The principal the hub credentials belong to (sts:GetCallerIdentity). */
export interface CallerIdentity {
  arn: string;
  account: string;
  userId: string;
}

/** sts:GetCallerIdentity (needs no permission). */
export interface IdentityProbe {
  callerIdentity(): Promise<CallerIdentity>;
}

/** The first accounts Organizations lists. */
export interface AccountListing {
  accounts: OrgAccount[];
  /** True when Organizations has more pages than were read. */
  more: boolean;
}

/** organizations:ListAccounts, first page(s) only. */
export interface OrganizationsProbe {
  /** Reads pages until `atLeast` accounts are listed or there are no more pages. */
  firstAccounts(atLeast: number): Promise<AccountListing>;
  /** The role the calls go through, when one is configured (organizations_role_arn). */
  readonly roleArn?: string | undefined;
}

/** The accounts of an accounts file (read by the caller; errors name the file's lines). */
export interface AccountsFileSource {
  path: string;
  read(): Promise<{ accounts: EventAccount[]; skipped: SkippedAccount[] }>;
}

/** The report store: a bucket or a local folder. */
export interface StoreProbe {
  readonly kind: 'bucket' | 'folder';
  /** `s3://bucket/` or the folder's path. */
  readonly location: string;
  /** Can the store be reached at all (HeadBucket, or the folder created)? Resolves to notes. */
  reach(): Promise<string[]>;
  /** Writes a small object (PutObject, or a file). */
  write(key: string, body: string): Promise<void>;
  /** Removes it again (DeleteObject, or unlink). */
  remove(key: string): Promise<void>;
}

/** The read role and the Config recorders of spoke accounts, the way batch mode reaches them. */
export interface SpokeProbe {
  /** sts:AssumeRole into the account's read role; throws the SDK's error when refused. */
  assumeRole(accountId: string): Promise<void>;
  /** DescribeConfigurationRecorders / …Status in one account-region, through the read role. */
  recorderState(accountId: string, region: string): Promise<RecorderState>;
  close(): void;
}

/** The settings the checks use: the same values `run` would use. */
export interface DoctorSettings {
  roleName: string;
  externalId?: string | undefined;
  regions: string[];
  /** Normalised REPORT_PREFIX: the probe object goes under it. */
  prefix: string;
  /** Accounts `run` never collects (not sampled either). */
  excludeAccounts: string[];
  /** How many accounts to try the read role in (spread over the listed accounts). */
  sample: number;
}

/** Everything the doctor runs on. */
export interface DoctorDeps {
  settings: DoctorSettings;
  identity: IdentityProbe;
  /** Absent when an accounts file replaces Organizations. */
  organizations?: OrganizationsProbe;
  accountsFile?: AccountsFileSource;
  store: StoreProbe;
  spokes: SpokeProbe;
  classify(error: unknown): CheckFailure;
  logger: LoggerPort;
  clock: () => Date;
}
