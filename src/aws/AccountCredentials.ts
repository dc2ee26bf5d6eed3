/**
 * Credentials for the spoke accounts: one AssumeRole per account, shared by every region of that
 * account, cached and refreshed before it expires. Role chaining (the Lambda's role assuming a
 * spoke role) caps a session at one hour, so a long run re-assumes instead of asking for more.
 */
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { isAccessDenied } from './errorKinds.js';
import { roleArn } from './partition.js';

/** How to assume the spoke role. */
export interface AssumeRoleSettings {
  partition: string;
  roleName: string;
  sessionName: string;
  externalId?: string | undefined;
  /** Session length; the role-chaining cap of 3600 s is the default and the maximum that works. */
  durationSeconds?: number;
  /** Re-assume when less than this remains (longer than the SDK's own 5-minute refresh window). */
  refreshBeforeMs?: number;
}

interface Entry {
  credentials?: AwsCredentialIdentity;
  pending?: Promise<AwsCredentialIdentity>;
  /** A denial is final for the run: asking again per region would only add AccessDenied noise. */
  denied?: unknown;
}

/** Per-account assumed-role credentials, cached for the run. */
export class AccountCredentials {
  readonly #sts: STSClient;
  readonly #settings: Required<Omit<AssumeRoleSettings, 'externalId'>> & { externalId?: string | undefined };
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  /** AssumeRole calls made (for tests and benchmarks). */
  assumeRoleCalls = 0;

  constructor(sts: STSClient, settings: AssumeRoleSettings, now: () => number = Date.now) {
    this.#sts = sts;
    this.#settings = { durationSeconds: 3600, refreshBeforeMs: 10 * 60_000, ...settings };
    this.#now = now;
  }

  /** A provider for one account, for an SDK client's `credentials` option. */
  provider(accountId: string, signal?: AbortSignal): AwsCredentialIdentityProvider {
    return () => this.get(accountId, signal);
  }

  /**
   * Credentials for the account: cached ones while they have time left, else one AssumeRole shared
   * by every concurrent caller. A denial is remembered and rethrown.
   */
  get(accountId: string, signal?: AbortSignal): Promise<AwsCredentialIdentity> {
    let entry = this.#entries.get(accountId);
    if (!entry) {
      entry = {};
      this.#entries.set(accountId, entry);
    }
    if (entry.denied !== undefined) return Promise.reject(entry.denied);
    const current = entry.credentials;
    if (current && !this.#needsRefresh(current)) return Promise.resolve(current);
    if (entry.pending) return entry.pending;
    const target = entry;
    target.pending = this.#assume(accountId, signal).then(
      (credentials) => {
        target.credentials = credentials;
        delete target.pending;
        return credentials;
      },
      (error: unknown) => {
        delete target.pending;
        if (isAccessDenied(error)) target.denied = error;
        throw error;
      },
    );
    return target.pending;
  }

  #needsRefresh(credentials: AwsCredentialIdentity): boolean {
    const expiration = credentials.expiration?.getTime();
    return expiration !== undefined && expiration - this.#now() < this.#settings.refreshBeforeMs;
  }

  async #assume(accountId: string, signal?: AbortSignal): Promise<AwsCredentialIdentity> {
    this.assumeRoleCalls += 1;
    const { partition, roleName, sessionName, externalId, durationSeconds } = this.#settings;
    const output = await this.#sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn(partition, accountId, roleName),
        RoleSessionName: sessionName,
        DurationSeconds: durationSeconds,
        ...(externalId ? { ExternalId: externalId } : {}),
      }),
      signal ? { abortSignal: signal } : {},
    );
    const c = output.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      const error = new Error(`AssumeRole into ${accountId} returned no credentials`);
      error.name = 'AssumeRoleNoCredentials';
      throw error;
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
      accountId,
    };
  }
}
