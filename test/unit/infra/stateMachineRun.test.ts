/**
 * The deployed state machine definition, executed by a local ASL interpreter with stub Lambda tasks:
 * group id resolution, the fan-out payloads, concurrency, the retry policy and the per-shard catch.
 */
import type { StateMachine } from 'aws-local-stepfunctions';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HubStack } from '../../../infra/lib/HubStack.js';
import { definitionFromTemplate } from '../../../infra/lib/stateMachineDefinition.js';
import {
  failureOf,
  LOCAL_FUNCTION_ARN,
  LOCAL_PSEUDO_PARAMETERS,
  type LocalHandler,
  lambdaError,
  localMachine,
  runLocally,
} from '../../e2e/helpers/localStateMachine.js';
import { SYNTH_TIMEOUT_MS, synth, TEST_ORGANIZATION_ID } from './helpers/synth.js';

const SHARDS = ['01', '02', '03', '04', '05', '06'];
let definition: StateMachine;

beforeAll(() => {
  // The definition is all this file needs, so the function is not bundled (see helpers/synth.ts).
  const { stack, json } = synth(
    (app) =>
      new HubStack(app, 'LocalRunHub', {
        topology: 'stepfunctions',
        organizationId: TEST_ORGANIZATION_ID,
        maxConcurrency: 2,
        shardSize: 5,
        externalId: 'ext-123',
      }),
  );
  const fnId = stack.getLogicalId(stack.hub.fn.node.defaultChild as never);
  // Building the local machine validates the synthesized definition as Amazon States Language.
  definition = localMachine(
    definitionFromTemplate(json, { ...LOCAL_PSEUDO_PARAMETERS, [`${fnId}.Arn`]: LOCAL_FUNCTION_ARN }),
  );
}, SYNTH_TIMEOUT_MS);
afterEach(() => {
  vi.useRealTimers();
});

/** Stub function: plan returns the shard ids, batch/final record their payloads. */
function stubs(batch: LocalHandler = async () => ({ ok: true })) {
  const calls = {
    plan: [] as Record<string, unknown>[],
    batch: [] as Record<string, unknown>[],
    final: [] as Record<string, unknown>[],
  };
  return {
    calls,
    handlers: {
      plan: async (payload: Record<string, unknown>) => {
        calls.plan.push(payload);
        const group = payload.group_id as string;
        return {
          group_id: group,
          plan_key: `plans/${group}/manifest.json`,
          shard_ids: SHARDS,
          role_name: payload.role_name,
        };
      },
      batch: async (payload: Record<string, unknown>) => {
        calls.batch.push(payload);
        return batch(payload);
      },
      final: async (payload: Record<string, unknown>) => {
        calls.final.push(payload);
        return { report_key: `reports/ConfigRule_${payload.group_id}.xlsx` };
      },
    },
  };
}

describe('group id', () => {
  it.each([
    ['an explicit group_id', { group_id: 'adhoc-7' }, 'adhoc-7'],
    ['the schedule time (UTC date)', { scheduled_time: '2026-03-04T23:30:00Z' }, '2026-03-04'],
    ['the execution start time otherwise', {}, '2026-05-06'],
  ])('comes from %s', async (_label, input, expected) => {
    // Only Date is faked: the interpreter stamps $$.Execution.StartTime from the clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-06T07:08:09.123Z'));
    const { calls, handlers } = stubs();
    await runLocally(definition, input, { handlers });
    expect(calls.plan).toEqual([
      { mode: 'plan', group_id: expected, role_name: 'configreport-read-role', shard_size: 5 },
    ]);
    expect(new Set(calls.batch.map((c) => c.group_id))).toEqual(new Set([expected]));
    expect(calls.final).toEqual([{ mode: 'final', group_id: expected }]);
  });
});

describe('fan-out', () => {
  it('invokes batch once per planned shard with only ids and the plan key, then final', async () => {
    const { calls, handlers } = stubs();
    const output = await runLocally(definition, { group_id: '2026-01-02' }, { handlers });
    expect(calls.batch.map((c) => c.shard_id).sort()).toEqual(SHARDS);
    expect(calls.batch[0]).toEqual({
      mode: 'batch',
      group_id: '2026-01-02',
      shard_id: expect.any(String),
      role_name: 'configreport-read-role',
      plan_key: 'plans/2026-01-02/manifest.json',
      external_id: 'ext-123',
    });
    expect(output.report).toEqual({ report_key: 'reports/ConfigRule_2026-01-02.xlsx' });
    // The Map's results are discarded: the state does not grow with the number of shards.
    expect(JSON.stringify(output)).not.toContain('"ok"');
  });

  it('never runs more shards at once than MaxConcurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const { handlers } = stubs(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      return {};
    });
    await runLocally(definition, { group_id: 'g' }, { handlers });
    expect(peak).toBe(2);
  });
});

describe('failures', () => {
  it('retries Lambda throttling and service errors until the shard succeeds', async () => {
    const attempts = new Map<string, number>();
    const { calls, handlers } = stubs(async (p) => {
      const n = (attempts.get(p.shard_id as string) ?? 0) + 1;
      attempts.set(p.shard_id as string, n);
      if (p.shard_id === '03' && n <= 2) throw lambdaError('Lambda.TooManyRequestsException');
      if (p.shard_id === '04' && n <= 3) throw lambdaError('Lambda.ServiceException');
      return {};
    });
    await runLocally(definition, { group_id: 'g' }, { handlers });
    expect(attempts.get('03')).toBe(3);
    expect(attempts.get('04')).toBe(4);
    expect(calls.final).toHaveLength(1);
  });

  it('catches a shard that fails for good after one retry, goes on with the others and still runs final', async () => {
    const { calls, handlers } = stubs(async (p) => {
      if (p.shard_id === '02') throw lambdaError('Error', 'boom: shard 02 crashed');
      return {};
    });
    const output = await runLocally(definition, { group_id: 'g' }, { handlers });
    expect(calls.batch.filter((c) => c.shard_id === '02')).toHaveLength(2);
    expect(calls.batch.filter((c) => c.shard_id !== '02')).toHaveLength(5);
    expect(calls.final).toEqual([{ mode: 'final', group_id: 'g' }]);
    expect(output.report).toBeDefined();
  });

  it('does not retry an invalid event, and still catches it per shard', async () => {
    const { calls, handlers } = stubs(async (p) => {
      if (p.shard_id === '05') throw lambdaError('InvalidEventError', 'Invalid event: plan_key: …');
      return {};
    });
    await runLocally(definition, { group_id: 'g' }, { handlers });
    expect(calls.batch.filter((c) => c.shard_id === '05')).toHaveLength(1);
    expect(calls.final).toHaveLength(1);
  });

  it.each(['NoShardsError', 'SetupFailureError'])(
    'fails the execution at once when final reports %s (a retry cannot fix it)',
    async (name) => {
      const { calls, handlers } = stubs();
      handlers.final = async (payload) => {
        calls.final.push(payload);
        throw lambdaError(name, 'the report names the cause');
      };
      await expect(runLocally(definition, { group_id: 'g' }, { handlers })).rejects.toThrow(
        /names the cause/,
      );
      expect(calls.final).toHaveLength(1);
    },
  );

  it('fails the execution when planning fails for good (so the run alarm fires), without running final', async () => {
    const { calls, handlers } = stubs();
    handlers.plan = async (payload) => {
      calls.plan.push(payload);
      throw lambdaError('InvalidSettingError', 'REPORT_BUCKET: is required');
    };
    await expect(runLocally(definition, { group_id: 'g' }, { handlers })).rejects.toThrow(/REPORT_BUCKET/);
    expect(calls.plan).toHaveLength(1);
    expect(calls.batch).toEqual([]);
    expect(calls.final).toEqual([]);
  });
});

describe('events', () => {
  /** An events handler that records every entry it is given (and fails with `error`, if set). */
  function recordingEvents(error?: Error) {
    const entries: Record<string, unknown>[] = [];
    const handler: LocalHandler = async (params) => {
      entries.push(...(params.Entries as Record<string, unknown>[]));
      if (error) throw error;
      return { FailedEntryCount: 0, Entries: [{ EventId: 'e' }] };
    };
    return { entries, handler };
  }

  it('puts "ConfigReport Ready" after Final, with Final\'s result as the detail', async () => {
    const { handlers } = stubs();
    const events = recordingEvents();
    const output = await runLocally(
      definition,
      { group_id: '2026-01-02' },
      { handlers, events: events.handler },
    );
    expect(events.entries).toEqual([
      {
        Source: 'configreport',
        DetailType: 'ConfigReport Ready',
        Detail: { report_key: 'reports/ConfigRule_2026-01-02.xlsx' },
      },
    ]);
    expect(output.report).toEqual({ report_key: 'reports/ConfigRule_2026-01-02.xlsx' });
  });

  it('a failed Plan puts "ConfigReport Failed" naming the stage, then fails the execution with its error', async () => {
    const { calls, handlers } = stubs();
    handlers.plan = async () => {
      throw lambdaError('InvalidSettingError', 'REPORT_BUCKET: is required');
    };
    const events = recordingEvents();
    const failure = await failureOf(
      runLocally(definition, { group_id: 'g' }, { handlers, events: events.handler }),
    );
    expect(failure.cause).toMatchObject({
      name: 'InvalidSettingError',
      message: 'REPORT_BUCKET: is required',
    });
    expect(events.entries).toEqual([
      {
        Source: 'configreport',
        DetailType: 'ConfigReport Failed',
        Detail: {
          group_id: 'g',
          stage: 'plan',
          error: 'InvalidSettingError',
          cause: 'REPORT_BUCKET: is required',
        },
      },
    ]);
    expect(calls.final).toEqual([]);
  });

  it.each(['NoShardsError', 'SetupFailureError'])(
    'a Final that fails with %s puts "ConfigReport Failed" for stage final',
    async (name) => {
      const { handlers } = stubs();
      handlers.final = async () => {
        throw lambdaError(name, 'the report names the cause');
      };
      const events = recordingEvents();
      const failure = await failureOf(
        runLocally(definition, { group_id: 'g' }, { handlers, events: events.handler }),
      );
      expect(failure.cause.name).toBe(name);
      expect(events.entries.map((e) => e.DetailType)).toEqual(['ConfigReport Failed']);
      expect(events.entries[0]?.Detail).toMatchObject({ stage: 'final', error: name });
    },
  );

  it('a Ready event that cannot be put is retried, then the run still succeeds and says so', async () => {
    const { handlers } = stubs();
    const events = recordingEvents(lambdaError('EventBridge.FailedEntry', 'refused'));
    const output = await runLocally(definition, { group_id: 'g' }, { handlers, events: events.handler });
    expect(events.entries).toHaveLength(4);
    expect(output.ready_event_error).toMatchObject({ Error: 'EventBridge.FailedEntry' });
    expect(output.report).toBeDefined();
  });

  it('a Failed event that cannot be put never hides the failure', async () => {
    const { handlers } = stubs();
    handlers.final = async () => {
      throw lambdaError('NoShardsError', 'nothing to report');
    };
    const events = recordingEvents(lambdaError('EventBridge.FailedEntry', 'refused'));
    const failure = await failureOf(
      runLocally(definition, { group_id: 'g' }, { handlers, events: events.handler }),
    );
    expect(failure.cause).toMatchObject({ name: 'NoShardsError', message: 'nothing to report' });
  });
});
