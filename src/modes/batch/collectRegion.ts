/**
 * Collects one account-region: assume the spoke role (cached per account), check the recorder,
 * list the rules, read every rule's evaluations, read the ownership tags in bulk and join them,
 * then the conformance packs (only where pack rules exist).
 * It never throws: whatever happens ends as a `RegionResult` with a status, so one bad account
 * never fails the shard.
 */
import pLimit from 'p-limit';
import { compareText } from '../../core/compare.js';
import { errorMessage } from '../../core/errors.js';
import type {
  ComplianceRecord,
  RegionResult,
  RegionStatus,
  RuleFailure,
  ShardConformancePack,
  ShardRule,
} from '../../core/model.js';
import { failureName, isAssumeRoleDeniedError, isRuleNotFoundError } from './errors.js';
import type { CallCounts, ConfigSource, RecorderState, RegionReader, SourceRule } from './ports.js';
import { hasConformancePackRules, PACKS_PSEUDO_RULE, readConformancePacks } from './readConformancePacks.js';
import { readResourceTags, TAGS_PSEUDO_RULE } from './readResourceTags.js';
import { type RecordContext, toRecord, toShardRule } from './records.js';
import type { BatchSettings } from './types.js';

/** Everything one account-region needs. */
export interface RegionJob {
  accountId: string;
  accountName: string;
  region: string;
  tagPrefix: string;
  settings: Pick<BatchSettings, 'ruleConcurrency'>;
  source: ConfigSource;
  /** The deadline's signal: aborts every wait and call of this job. */
  signal: AbortSignal;
  onThrottle?: () => void;
}

/** What one account-region produced. */
export interface RegionOutcome {
  result: RegionResult;
  rules: ShardRule[];
  /** Conformance packs of the account-region (empty when it has none or they were not read). */
  conformancePacks: ShardConformancePack[];
  records: ComplianceRecord[];
  stats: CallCounts;
}

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

/** No calls yet: the outcome's counters until the region's reader exists. */
const NO_CALLS: CallCounts = Object.freeze({ calls: 0, throttles: 0 });

async function collect(job: RegionJob): Promise<RegionOutcome> {
  const run = new RegionRun(job);
  if (job.signal.aborted) return run.timedOut('waiting to start');
  let reader: RegionReader;
  try {
    reader = await job.source.openRegion({
      accountId: job.accountId,
      region: job.region,
      signal: job.signal,
      ...(job.onThrottle ? { onThrottle: job.onThrottle } : {}),
    });
  } catch (error) {
    if (job.signal.aborted) return run.timedOut('assuming the role');
    if (isAssumeRoleDeniedError(error)) {
      return run.finish('ASSUME_ROLE_DENIED', {
        error_name: failureName(error),
        error_message: errorMessage(error),
      });
    }
    return run.finish('ERROR', {
      error_name: failureName(error),
      error_message: `AssumeRole: ${errorMessage(error)}`,
    });
  }
  run.stats = reader.stats;

  let recorder: RecorderState;
  let configRules: SourceRule[];
  try {
    recorder = await reader.recorderState();
    if (recorder === 'NOT_ENABLED') {
      return run.finish('CONFIG_NOT_ENABLED', {
        error_name: 'NoConfigurationRecorder',
        error_message: 'AWS Config has no configuration recorder in this region',
      });
    }
    configRules = await reader.listRules();
  } catch (error) {
    if (job.signal.aborted) return run.timedOut('reading the recorder and rule list');
    return run.finish('ERROR', { error_name: failureName(error), error_message: errorMessage(error) });
  }

  const toRead = run.addRules(configRules);
  const rulesRead = await readEvaluations(run, reader, toRead);
  if (job.signal.aborted)
    return run.timedOut(`reading evaluations (${rulesRead} of ${toRead.length} rules done)`);

  const tagFailure = await readResourceTags(reader, run.records, job.tagPrefix);
  if (job.signal.aborted) return run.timedOut('reading resource tags');
  if (tagFailure) run.failures.push(tagFailure);

  if (hasConformancePackRules(run.rules)) {
    const packs = await readConformancePacks(reader, run.rules, run.ctx);
    if (job.signal.aborted) return run.timedOut('reading conformance packs');
    run.conformancePacks.push(...packs.packs);
    if (packs.failure) run.failures.push(packs.failure);
  }
  return run.conclude(recorder);
}

/**
 * Reads every listed rule's evaluations, `ruleConcurrency` at a time, into the run's records. A
 * rule deleted meanwhile is marked skipped; any other failure is kept for the PARTIAL status.
 * Returns how many rules were read.
 */
async function readEvaluations(run: RegionRun, reader: RegionReader, toRead: string[]): Promise<number> {
  const { signal } = run.job;
  const limit = pLimit(run.job.settings.ruleConcurrency);
  let rulesRead = 0;
  await Promise.all(
    toRead.map((ruleName) =>
      limit(async () => {
        if (signal.aborted) return;
        try {
          const results = await reader.evaluations(ruleName);
          for (const result of results) run.records.push(toRecord(result, ruleName, run.ctx));
          rulesRead += 1;
        } catch (error) {
          if (signal.aborted) return;
          if (isRuleNotFoundError(error)) {
            // Deleted between the rule list and this read: nothing left to collect, but say so.
            const rule = run.ruleByName.get(ruleName);
            if (rule) rule.skipped_reason = 'rule was deleted while the account was being read';
            return;
          }
          run.failures.push({
            rule_name: ruleName,
            error_name: failureName(error),
            error_message: errorMessage(error),
          });
        }
      }),
    ),
  );
  return rulesRead;
}

/** What was read only in part: when no rule failed, the message says every evaluation was kept. */
const PSEUDO_RULES: Readonly<Record<string, string>> = {
  [TAGS_PSEUDO_RULE]: 'ownership tags could not be read for some resources',
  [PACKS_PSEUDO_RULE]: 'conformance packs could not be read',
};

function partialMessage(failures: readonly RuleFailure[]): string {
  if (failures.every((f) => f.rule_name in PSEUDO_RULES)) {
    const what = failures.map((f) => PSEUDO_RULES[f.rule_name]).join('; ');
    return `${what}; all evaluations were collected`;
  }
  return `${failures.length} rule(s) could not be read: ${failures.map((f) => f.rule_name).join(', ')}`.slice(
    0,
    1000,
  );
}

/** One account-region being collected: what it found so far, and how it ends. */
class RegionRun {
  readonly started = performance.now();
  readonly rules: ShardRule[] = [];
  readonly ruleByName = new Map<string, ShardRule>();
  readonly records: ComplianceRecord[] = [];
  readonly conformancePacks: ShardConformancePack[] = [];
  readonly failures: RuleFailure[] = [];
  readonly ctx: RecordContext;
  stats: CallCounts = NO_CALLS;

  constructor(readonly job: RegionJob) {
    this.ctx = { accountId: job.accountId, accountName: job.accountName, region: job.region };
  }

  /** Lists the rules in the shard; returns the names whose evaluations can be read. */
  addRules(configRules: SourceRule[]): string[] {
    const toRead: string[] = [];
    for (const configRule of configRules) {
      const rule = toShardRule(configRule, this.ctx);
      if (configRule.evaluationsHidden) {
        rule.skipped_reason =
          'RuleEvaluationVisibility INTERNAL: AWS Config does not expose evaluations of this rule';
      } else if (rule.rule_name !== '') {
        toRead.push(rule.rule_name);
      }
      this.rules.push(rule);
    }
    for (const rule of this.rules) this.ruleByName.set(rule.rule_name, rule);
    return toRead;
  }

  finish(status: RegionStatus, extra: Partial<RegionResult> = {}): RegionOutcome {
    return {
      result: {
        region: this.job.region,
        status,
        ...extra,
        ...(this.failures.length > 0 ? { failed_rules: this.failures } : {}),
        rules_count: this.rules.length,
        records_count: this.records.length,
        throttles: this.stats.throttles,
        duration_ms: Math.round(performance.now() - this.started),
      },
      rules: this.rules,
      conformancePacks: this.conformancePacks,
      records: this.records,
      stats: this.stats,
    };
  }

  timedOut(stage: string): RegionOutcome {
    return this.finish('TIMED_OUT', {
      error_name: 'DeadlineReached',
      error_message: `stopped before the invocation deadline while ${stage}; ${this.records.length} records read so far are kept`,
    });
  }

  /** The status of a region read to the end: stopped recorder, then failed rules, else OK. */
  conclude(recorder: RecorderState): RegionOutcome {
    const failures = this.failures;
    failures.sort((a, b) => compareText(a.rule_name, b.rule_name));
    if (recorder === 'STOPPED') {
      return this.finish('RECORDER_STOPPED', {
        error_name: 'ConfigurationRecorderStopped',
        error_message:
          'the configuration recorder is not recording; the evaluations Config still holds were collected',
      });
    }
    if (failures.length > 0) {
      return this.finish('PARTIAL', { error_name: 'PartialRead', error_message: partialMessage(failures) });
    }
    return this.finish('OK');
  }
}
