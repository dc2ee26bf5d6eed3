/**
 * The hub's own checks: the credentials and who they are, the accounts (Organizations or the
 * accounts file), and the report store (reachable, writable under the prefix).
 */
import { isConfigReportError } from '../../core/errors.js';
import type { DoctorRun } from './run.js';
import { describeFailure, skipped, step } from './run.js';
import type { DoctorStep } from './types.js';

/** sts:GetCallerIdentity: are there credentials, do they work, and whose are they? */
export async function checkCredentials(run: DoctorRun): Promise<DoctorStep> {
  const { deps } = run;
  try {
    const caller = await deps.identity.callerIdentity();
    run.caller = caller;
    return step('credentials', 'pass', `${caller.arn} (account ${caller.account})`, [
      `run acts as ${caller.arn}`,
    ]);
  } catch (error) {
    const failure = deps.classify(error);
    run.credentialsFailed = failure;
    return {
      ...step('credentials', 'fail', describeFailure(failure)),
      problem: { kind: 'call-failed', failure, target: 'sts:GetCallerIdentity' },
    };
  }
}

/** The accounts `run` would collect: the accounts file, else the first page(s) of ListAccounts. */
export async function checkAccounts(run: DoctorRun): Promise<DoctorStep> {
  const { deps } = run;
  const excluded = new Set(deps.settings.excludeAccounts);
  if (deps.accountsFile !== undefined) {
    const { path } = deps.accountsFile;
    try {
      const content = await deps.accountsFile.read();
      run.candidates = content.accounts
        .filter((a) => !excluded.has(a.account_id))
        .map((a) => ({ accountId: a.account_id, accountName: a.account_name }));
      const skippedNote = content.skipped.length > 0 ? ` (${content.skipped.length} not ACTIVE)` : '';
      return step('accounts', 'pass', `${content.accounts.length} accounts in ${path}${skippedNote}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const details = isConfigReportError(error) ? [...error.details] : [];
      return {
        ...step('accounts', 'fail', message),
        problem: { kind: 'accounts-file', path, message, details },
      };
    }
  }
  if (run.credentialsFailed !== undefined) return skipped('accounts', 'the credentials check failed');
  const organizations = deps.organizations;
  if (organizations === undefined) return skipped('accounts', 'no accounts file and no Organizations access');
  const via = organizations.roleArn !== undefined ? ` through ${organizations.roleArn}` : '';
  try {
    const listing = await organizations.firstAccounts(Math.max(deps.settings.sample, 1));
    const active = listing.accounts.filter((a) => a.state === 'ACTIVE');
    run.candidates = active
      .filter((a) => !excluded.has(a.id))
      .map((a) => ({ accountId: a.id, accountName: a.name }));
    const more = listing.more ? ', more pages follow' : '';
    return step(
      'accounts',
      'pass',
      `Organizations ListAccounts${via}: ${listing.accounts.length} accounts listed (${active.length} ACTIVE${more})`,
    );
  } catch (error) {
    const failure = deps.classify(error);
    return {
      ...step('accounts', 'fail', `Organizations ListAccounts${via}: ${describeFailure(failure)}`),
      problem: { kind: 'call-failed', failure, target: 'organizations:ListAccounts' },
    };
  }
}

/** The probe object's key: under the prefix, in plans/ (which `run` may write, and which expires). */
function probeKey(run: DoctorRun): string {
  const stamp = run.deps.clock().toISOString().replace(/[-:.]/g, '');
  return `${run.deps.settings.prefix}plans/_doctor/probe-${stamp}.txt`;
}

/** The report store: reachable, and writable under the prefix (a probe object put and deleted). */
export async function checkStore(run: DoctorRun): Promise<DoctorStep> {
  const { deps } = run;
  const { store } = deps;
  if (store.kind === 'bucket' && run.credentialsFailed !== undefined)
    return skipped('store', 'the credentials check failed');
  const key = probeKey(run);
  const failed = (target: string, error: unknown): DoctorStep => {
    const failure = deps.classify(error);
    return {
      ...step('store', 'fail', `${store.location}: ${describeFailure(failure)}`),
      problem: { kind: 'call-failed', failure, target },
    };
  };
  let notes: string[];
  try {
    notes = await store.reach();
  } catch (error) {
    return failed(store.kind === 'bucket' ? 's3:HeadBucket' : `folder ${store.location}`, error);
  }
  try {
    await store.write(key, 'configreport doctor probe: safe to delete\n');
  } catch (error) {
    return failed(store.kind === 'bucket' ? `s3:PutObject ${key}` : `folder ${store.location}`, error);
  }
  try {
    await store.remove(key);
  } catch (error) {
    const failure = deps.classify(error);
    return {
      ...step('store', 'warn', `${store.location} reachable and writable; the probe object was left`, [
        ...notes,
        `probe ${key} written, not deleted: ${describeFailure(failure)}`,
      ]),
      problem: { kind: 'probe-left', location: store.location, key, failure },
    };
  }
  return step(
    'store',
    'pass',
    `${store.location} reachable; probe written and deleted under ${key.slice(0, key.lastIndexOf('/') + 1)}`,
    notes,
  );
}
