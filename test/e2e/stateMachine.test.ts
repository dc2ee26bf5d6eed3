/**
 * End to end, locally: the state machine definition synthesized from the real hub stack (with a
 * report topic), executed by a local Amazon States Language interpreter, with every Lambda task bound
 * in-process to our real handler (environment as deployed) and the EventBridge tasks put on the
 * simulator's bus, against the AWS simulator, its SNS and its S3-compatible server.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { StateMachine } from 'aws-local-stepfunctions';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../simulator/index.js';
import type { RunningSimulator } from '../../simulator/types.js';
import { reportKeys } from '../../src/core/keys.js';
import type { PlanManifest } from '../../src/core/model.js';
import { createHandler, type LambdaContext } from '../../src/entry/lambda.js';
import type { S3Store } from '../../src/store/S3Store.js';
import { simBucket } from '../helpers/simBucket.js';
import { SYNTH_TIMEOUT_MS } from '../unit/infra/helpers/synth.js';
import { eventsToSimulator, LOCAL_EXECUTION_ARN } from './helpers/localEvents.js';
import {
  failureOf,
  type LocalHandler,
  lambdaError,
  localMachine,
  runLocally,
  synthesizeHub,
} from './helpers/localStateMachine.js';

const REGIONS = ['us-east-1', 'eu-west-1'];
const PREFIX = 'e2e/run';

let sim: RunningSimulator;
let machine: StateMachine;
let handle: ReturnType<typeof createHandler>;
let store: S3Store;
let savedEnv: NodeJS.ProcessEnv;
let topic: string;
let events: LocalHandler;

/** A Lambda context with the full 15 minutes ahead. */
function lambdaContext(): LambdaContext {
  const deadline = Date.now() + 15 * 60_000;
  return { getRemainingTimeInMillis: () => deadline - Date.now() };
}

const invoke: LocalHandler = (payload) => handle(payload, lambdaContext());

beforeAll(async () => {
  sim = await startSimulator({
    accounts: 7,
    regions: REGIONS,
    rulesPerRegion: 4,
    resourcesPerRegion: 30,
    seed: 5,
    topics: ['configreport-reports'],
  });
  topic = sim.topics()[0]!;
  events = eventsToSimulator(sim);
  const hub = synthesizeHub(
    {
      reportPrefix: PREFIX,
      regions: REGIONS,
      shardSize: 2,
      maxConcurrency: 3,
      notifyEmail: 'compliance@example.com',
    },
    sim.bucket,
    { topicArn: topic },
  );
  machine = localMachine(hub.definition);
  // The function's environment exactly as deployed, plus what points the SDK at the simulator. The
  // process environment gets it too: in Lambda the SDK's default credential chain reads it there.
  const env = { ...hub.functionEnvironment, ...sim.env };
  savedEnv = { ...process.env };
  Object.assign(process.env, env);
  handle = createHandler({ env, logger: new Logger({ serviceName: 'configreport', logLevel: 'SILENT' }) });
  store = simBucket(sim);
}, SYNTH_TIMEOUT_MS);

afterAll(async () => {
  process.env = savedEnv;
  await sim?.stop();
});

beforeEach(() => sim.clearNotifications());

interface Summary {
  shards: { expected: number | null; accepted: number; missing: number };
  records: { unique: number };
  coverage: { missing_shards: { shard_id: string; accounts: number }[] };
}

async function readReport(groupId: string) {
  const keys = reportKeys(`${PREFIX}/`, groupId);
  const summary = JSON.parse(await store.getText(keys.summaryJson)) as Summary;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.read(await store.getStream(keys.xlsx));
  return { summary, workbook };
}

/** Evaluations the simulator holds for the ACTIVE accounts (but `except`) in the planned regions. */
function expectedEvaluations(except: readonly string[] = []): number {
  const accountIds = sim
    .accounts()
    .filter((a) => a.state === 'ACTIVE' && !except.includes(a.accountId))
    .map((a) => a.accountId);
  return sim.groundTruth({ accountIds, regions: REGIONS }).length;
}

describe('a scheduled run, executed locally', () => {
  it('plans, collects every shard and writes a workbook with every evaluation', async () => {
    const output = await runLocally(
      machine,
      { scheduled_time: '2026-02-03T06:00:00Z' },
      { handlers: { plan: invoke, batch: invoke, final: invoke }, events },
    );
    expect(output.group_id).toBe('2026-02-03');

    const { summary, workbook } = await readReport('2026-02-03');
    expect(summary.shards.missing).toBe(0);
    expect(summary.shards.accepted).toBe(summary.shards.expected);
    expect(summary.records.unique).toBe(expectedEvaluations());
    expect(workbook.getWorksheet('Coverage')).toBeDefined();
  });

  it('tells the topic and the bus: one message whose link downloads the workbook, one Ready event', async () => {
    const output = await runLocally(
      machine,
      { group_id: '2026-02-05' },
      { handlers: { plan: invoke, batch: invoke, final: invoke }, events },
    );
    const report = output.report as { keys: { xlsx: string }; notification: { message_id: string } };
    const messages = sim.snsMessages(topic);
    expect(messages).toHaveLength(1);
    expect(report.notification).toMatchObject({ status: 'sent', message_id: messages[0]!.messageId });
    expect(messages[0]!.subject).toMatch(
      /^ConfigReport 2026-02-05: \d+\.\d% compliant \((Red|Yellow|Green)\), (full coverage|\d+ coverage problems?)$/,
    );

    const url = /^Workbook: (\S+)$/m.exec(messages[0]!.message)![1]!;
    const download = Buffer.from(await (await fetch(url)).arrayBuffer());
    const chunks: Buffer[] = [];
    for await (const chunk of await store.getStream(report.keys.xlsx)) chunks.push(chunk as Buffer);
    expect(download.equals(Buffer.concat(chunks))).toBe(true);

    const [event, ...more] = sim.events();
    expect(more).toEqual([]);
    expect(event).toMatchObject({ source: 'configreport', detailType: 'ConfigReport Ready' });
    expect(event!.detail).toEqual(report);
    expect(event!.resources).toContain(LOCAL_EXECUTION_ARN);
  });

  it('a final with nothing to merge: the topic hears the error, the bus gets ConfigReport Failed, the run fails', async () => {
    const batch: LocalHandler = async (payload) => {
      throw lambdaError('Error', `simulated crash of shard ${payload.shard_id as string}`);
    };
    const failure = await failureOf(
      runLocally(
        machine,
        { group_id: '2026-02-06' },
        { handlers: { plan: invoke, batch, final: invoke }, events },
      ),
    );
    expect(failure.cause.name).toBe('NoShardsError');
    const messages = sim.snsMessages(topic);
    expect(messages.map((m) => m.subject)).toEqual(['ConfigReport FAILED 2026-02-06: NoShardsError']);
    expect(sim.events()).toEqual([
      expect.objectContaining({
        detailType: 'ConfigReport Failed',
        detail: expect.objectContaining({ group_id: '2026-02-06', stage: 'final', error: 'NoShardsError' }),
      }),
    ]);
  });

  it('still writes the workbook when a shard fails for good, naming that shard as missing', async () => {
    let failed: string | undefined;
    let planKey = '';
    const plan: LocalHandler = async (payload) => {
      const result = (await invoke(payload)) as { shard_ids: string[]; plan_key: string };
      failed = result.shard_ids[1];
      planKey = result.plan_key;
      return result;
    };
    const batch: LocalHandler = async (payload) => {
      if (payload.shard_id === failed) throw lambdaError('Error', `simulated crash of shard ${failed}`);
      return invoke(payload);
    };
    let finalOutput: unknown;
    const final: LocalHandler = async (payload) => {
      finalOutput = await invoke(payload);
      return finalOutput;
    };
    await runLocally(machine, { group_id: '2026-02-04' }, { handlers: { plan, batch, final }, events });
    // What Final hands back to Step Functions is keys and counts, never the coverage lists, so it stays
    // far below the 256 KiB payload limit whatever the organization's size.
    expect(finalOutput).toMatchObject({ mode: 'final', missing_shards: 1, group_id: '2026-02-04' });
    expect(JSON.stringify(finalOutput).length).toBeLessThan(4096);

    expect(failed).toBeDefined();
    const manifest = JSON.parse(await store.getText(planKey)) as PlanManifest;
    const lost = manifest.shards.find((s) => s.shard_id === failed)!.accounts.map((a) => a.account_id);
    const { summary, workbook } = await readReport('2026-02-04');
    expect(summary.shards.missing).toBe(1);
    expect(summary.coverage.missing_shards).toEqual([
      expect.objectContaining({ shard_id: failed, accounts: 2 }),
    ]);
    // Everything else arrived, exactly.
    expect(summary.records.unique).toBe(expectedEvaluations(lost));

    const coverage = workbook.getWorksheet('Coverage')!;
    const rows: string[][] = [];
    coverage.eachRow((row) => {
      rows.push((row.values as unknown[]).map((v) => String(v ?? '')));
    });
    const missingRows = rows.filter((cells) => cells.includes('MISSING') && cells.includes(failed!));
    expect(missingRows.length).toBeGreaterThan(0);
  });
});
