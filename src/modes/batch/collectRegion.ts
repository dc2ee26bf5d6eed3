/**
 * Collects one account-region: assume the spoke role (cached per account), check the recorder,
 * list the rules, read every rule's evaluations, read the ownership tags in bulk and join them.
 * It never throws: whatever happens ends as a `RegionResult` with a status, so one bad account
 * never fails the shard.
 */
import pLimit from 'p-limit';
import type { AccountCredentials } from '../../aws/AccountCredentials.js';
import { ConfigReader } from '../../aws/ConfigReader.js';
import type { AwsClientFactory } from '../../aws/clientFactory.js';
import { errorMessage, errorName, isAccessDenied } from '../../aws/errorKinds.js';
import { type CallStats, newCallStats } from '../../aws/pacingPlugin.js';
import { TokenBucket } from '../../aws/TokenBucket.js';
import type { BatchSettings } from '../../config/batchSettings.js';
import type {
  ComplianceRecord,
  RegionResult,
  RegionStatus,
  RuleFailure,
  ShardRule,
} from '../../core/model.js';
import { readResourceTags, TAGS_PSEUDO_RULE } from './readResourceTags.js';
import { type RecordContext, toRecord, toShardRule } from './records.js';

/** Everything one account-region needs. */
export interface RegionJob {
  accountId: string;
  accountName: string;
  region: string;
  tagPrefix: string;
  settings: BatchSettings;
  credentials: AccountCredentials;
  clients: AwsClientFactory;
  /** The deadline's signal: aborts every wait and call of this job. */
  signal: AbortSignal;
  onThrottle?: () => void;
  /** Test seam: shorter waits between page rounds. */
  pageRetryBaseMs?: number;
}

/** What one account-region produced. */
export interface RegionOutcome {
  result: RegionResult;
  rules: ShardRule[];
  records: ComplianceRecord[];
  stats: CallStats;
}

/** Rules Config refuses to show evaluations for: read them and we only collect errors. */
const INTERNAL_VISIBILITY = 'INTERNAL';

/** Collects one account-region. Never throws. */
export async function collectRegion(job: RegionJob): Promise<RegionOutcome> {
  // A child signal per account-region: every SDK call and limiter wait adds an abort listener, and
  // hundreds of them on the one deadline signal make each add and remove a linear scan.
  const local = new AbortController();
  const forward = (): void => local.abort(job.signal.reason);
  if (job.signal.aborted) forward();
  else job.signal.addEventListener('abort', forward, { once: true });
  try {
    return await collect({ ...job, signal: local.signal });
  } finally {
    job.signal.removeEventListener('abort', forward);
  }
}

async function collect(job: RegionJob): Promise<RegionOutcome> {
  const started = performance.now();
  const stats = newCallStats();
  const rules: ShardRule[] = [];
  const records: ComplianceRecord[] = [];
  const failures: RuleFailure[] = [];
  const ctx: RecordContext = { accountId: job.accountId, accountName: job.accountName, region: job.region };
  const finish = (status: RegionStatus, extra: Partial<RegionResult> = {}): RegionOutcome => ({
    result: {
      region: job.region,
      status,
      ...extra,
      ...(failures.length > 0 ? { failed_rules: failures } : {}),
      rules_count: rules.length,
      records_count: records.length,
      throttles: stats.throttles,
      duration_ms: Math.round(performance.now() - started),
    },
    rules,
    records,
    stats,
  });
  const timedOut = (stage: string): RegionOutcome =>
    finish('TIMED_OUT', {
      error_name: 'DeadlineReached',
      error_message: `stopped before the invocation deadline while ${stage}; ${records.length} records read so far are kept`,
    });

  if (job.signal.aborted) return timedOut('waiting to start');
  try {
    await job.credentials.get(job.accountId, job.signal);
  } catch (error) {
    if (job.signal.aborted) return timedOut('assuming the role');
    if (isAccessDenied(error)) {
      return finish('ASSUME_ROLE_DENIED', {
        error_name: errorName(error),
        error_message: errorMessage(error),
      });
    }
    return finish('ERROR', {
      error_name: errorName(error),
      error_message: `AssumeRole: ${errorMessage(error)}`,
    });
  }

  const reader = new ConfigReader({
    client: job.clients.config({
      region: job.region,
      credentials: job.credentials.provider(job.accountId, job.signal),
      limiter: new TokenBucket({ ratePerSecond: job.settings.ratePerSecond, burst: job.settings.burst }),
      stats,
      signal: job.signal,
      ...(job.onThrottle ? { onThrottle: job.onThrottle } : {}),
    }),
    pageRetries: job.settings.pageRetries,
    signal: job.signal,
    ...(job.pageRetryBaseMs !== undefined ? { pageRetryBaseMs: job.pageRetryBaseMs } : {}),
  });

  let recorder: Awaited<ReturnType<ConfigReader['recorderState']>>;
  let configRules: Awaited<ReturnType<ConfigReader['listRules']>>;
  try {
    recorder = await reader.recorderState();
    if (recorder === 'NOT_ENABLED') {
      return finish('CONFIG_NOT_ENABLED', {
        error_name: 'NoConfigurationRecorder',
        error_message: 'AWS Config has no configuration recorder in this region',
      });
    }
    configRules = await reader.listRules();
  } catch (error) {
    if (job.signal.aborted) return timedOut('reading the recorder and rule list');
    return finish('ERROR', { error_name: errorName(error), error_message: errorMessage(error) });
  }

  const toRead: string[] = [];
  for (const configRule of configRules) {
    const rule = toShardRule(configRule, ctx);
    if (configRule.RuleEvaluationVisibility === INTERNAL_VISIBILITY) {
      rule.skipped_reason =
        'RuleEvaluationVisibility INTERNAL: AWS Config does not expose evaluations of this rule';
    } else if (rule.rule_name !== '') {
      toRead.push(rule.rule_name);
    }
    rules.push(rule);
  }

  const ruleByName = new Map(rules.map((r) => [r.rule_name, r]));
  const limit = pLimit(job.settings.ruleConcurrency);
  let rulesRead = 0;
  await Promise.all(
    toRead.map((ruleName) =>
      limit(async () => {
        if (job.signal.aborted) return;
        try {
          const results = await reader.evaluations(ruleName);
          for (const result of results) records.push(toRecord(result, ruleName, ctx));
          rulesRead += 1;
        } catch (error) {
          if (job.signal.aborted) return;
          if (errorName(error) === 'NoSuchConfigRuleException') {
            // Deleted between the rule list and this read: nothing left to collect, but say so.
            const rule = ruleByName.get(ruleName);
            if (rule) rule.skipped_reason = 'rule was deleted while the account was being read';
            return;
          }
          failures.push({
            rule_name: ruleName,
            error_name: errorName(error),
            error_message: errorMessage(error),
          });
        }
      }),
    ),
  );
  if (job.signal.aborted)
    return timedOut(`reading evaluations (${rulesRead} of ${toRead.length} rules done)`);

  const tagFailure = await readResourceTags(reader, records, job.tagPrefix);
  if (job.signal.aborted) return timedOut('reading resource tags');
  if (tagFailure) failures.push(tagFailure);

  failures.sort((a, b) => (a.rule_name < b.rule_name ? -1 : a.rule_name > b.rule_name ? 1 : 0));
  if (recorder === 'STOPPED') {
    return finish('RECORDER_STOPPED', {
      error_name: 'ConfigurationRecorderStopped',
      error_message:
        'the configuration recorder is not recording; the evaluations Config still holds were collected',
    });
  }
  if (failures.length > 0) {
    const tagsOnly = failures.length === 1 && failures[0]?.rule_name === TAGS_PSEUDO_RULE;
    return finish('PARTIAL', {
      error_name: 'PartialRead',
      error_message: tagsOnly
        ? 'ownership tags could not be read for some resources; all evaluations were collected'
        : `${failures.length} rule(s) could not be read: ${failures.map((f) => f.rule_name).join(', ')}`.slice(
            0,
            1000,
          ),
    });
  }
  return finish('OK');
}
