/**
 * Notifications through the real CLI against the simulator: a run with `--notify-topic` publishes
 * one message whose numbers match the simulator's ground truth and whose link downloads the very
 * workbook stored in S3; a failed final run announces the failure; SNS being down never fails a
 * published report; a local folder store names the file instead of a link.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { runCli } from '../../helpers/runCli.js';
import { simBucket } from '../../helpers/simBucket.js';

let sim: RunningSimulator;
let dir: string;
let topic: string;
let members: string[];
const DAY = '2024-08-02';

beforeAll(async () => {
  sim = await startSimulator({
    accounts: 5,
    seed: 11,
    regions: ['us-east-1'],
    rulesPerRegion: 3,
    resourcesPerRegion: 6,
    topics: ['configreport-reports'],
  });
  topic = sim.topics()[0]!;
  dir = await mkdtemp(join(tmpdir(), 'cli-notify-'));
  const active = sim.accounts().filter((a) => a.state === 'ACTIVE' && a.accountId !== sim.hubAccountId);
  members = active.map((a) => a.accountId);
  await writeFile(
    join(dir, 'accounts.csv'),
    ['account_id,account_name', ...active.map((a) => `${a.accountId},${a.name}`)].join('\n'),
  );
}, 60_000);

afterAll(async () => {
  await sim?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  sim.clearNotifications();
  sim.clearFaults();
});

function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  return runCli(argv, {
    env: { ...sim.env, CONFIGREPORT_RATE: '50', CONFIGREPORT_BURST: '50', ...env },
    cwd: dir,
  });
}

/** The URL after `<label>: ` in a message. */
function linkAfter(text: string, label: string): string {
  const match = new RegExp(`^${label}: (\\S+)$`, 'm').exec(text);
  if (!match) throw new Error(`no "${label}:" line in:\n${text}`);
  return match[1]!;
}

describe('a published report', () => {
  it('sends one message with the ground-truth numbers and a link that downloads the stored workbook', async () => {
    const run = await cli([
      ...['run', '--accounts-file', 'accounts.csv', '--group-id', DAY],
      ...['--notify-topic', topic, '--json'],
    ]);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);

    const messages = sim.snsMessages(topic);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(json.report.notification).toMatchObject({
      status: 'sent',
      topic_arn: topic,
      message_id: message!.messageId,
    });
    expect(message!.attributes).toEqual({
      status: { dataType: 'String', value: 'ok' },
      group_id: { dataType: 'String', value: DAY },
      report_date: { dataType: 'String', value: DAY },
    });

    const truth = sim.groundTruth({ accountIds: members, regions: ['us-east-1'] });
    const nonCompliant = truth.filter((e) => e.complianceType === 'NON_COMPLIANT').length;
    const compliant = truth.filter((e) => e.complianceType === 'COMPLIANT').length;
    // Formatted here independently: rounded down to 0.1 %, en-US thousands, the default bands.
    const r = compliant / (compliant + nonCompliant);
    const ratio = `${(Math.floor(r * 1000) / 10).toFixed(1)}%`;
    const band = r < 0.8 ? 'Red' : r < 0.95 ? 'Yellow' : 'Green';
    const num = (n: number) => n.toLocaleString('en-US');
    const subject = `ConfigReport ${DAY}: ${ratio} compliant (${band}), `;
    expect(message!.subject?.slice(0, subject.length)).toBe(subject);
    expect(message!.message).toContain(
      `Overall: ${ratio} (${band}): ${num(compliant)} compliant, ${num(nonCompliant)} non-compliant`,
    );
    expect(message!.message).toContain('The links work until ');
    expect(message!.message).toContain(
      `After that, the workbook stays at s3://${sim.bucket}/${json.report.keys.xlsx}`,
    );

    const url = linkAfter(message!.message, 'Workbook');
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="ConfigRule_${DAY}.xlsx"`);
    const stored = simBucket(sim);
    const chunks: Buffer[] = [];
    for await (const chunk of await stored.getStream(json.report.keys.xlsx)) chunks.push(chunk as Buffer);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('still succeeds when SNS is down: the failure is a warning and a result field', async () => {
    sim.setFault({ service: 'sns' }, { errorRate: 1 });
    const run = await cli(['final', '--group-id', DAY, '--notify-topic', topic, '--json'], {
      CONFIGREPORT_MAX_ATTEMPTS: '2',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).report.notification).toMatchObject({
      status: 'failed',
      topic_arn: topic,
      error: expect.stringMatching(/^(InternalErrorException|ServiceUnavailable): /),
    });
    expect(run.stderr).toContain(`warning: the report was published, but no notification reached ${topic}`);
    expect(sim.snsMessages()).toEqual([]);
  });

  it('names the file path when the store is a local folder', async () => {
    const run = await cli(
      [
        ...['run', '--accounts-file', 'accounts.csv', '--group-id', DAY, '--out', 'local'],
        ...['--notify-topic', topic, '-q'],
      ],
      { REPORT_BUCKET: undefined },
    );
    expect(run.code, run.stderr).toBe(0);
    const [message] = sim.snsMessages(topic);
    expect(linkAfter(message!.message, 'Workbook')).toBe(
      join(dir, 'local', 'reports', `ConfigRule_${DAY}.xlsx`),
    );
    expect(message!.message).not.toContain('The links work until');
  });
});

describe('a failed final run', () => {
  it('announces the failure, naming the group and the error', async () => {
    const run = await cli(['final', '--group-id', 'nothing-here', '--notify-topic', topic]);
    expect(run.code).toBe(1);
    const messages = sim.snsMessages(topic);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.subject).toBe('ConfigReport FAILED nothing-here: NoShardsError');
    expect(messages[0]!.message).toContain('NoShardsError: No shard accepted for group "nothing-here"');
    expect(messages[0]!.attributes.status).toEqual({ dataType: 'String', value: 'failed' });
  });

  it('sends nothing without a topic', async () => {
    const run = await cli(['final', '--group-id', 'nothing-here']);
    expect(run.code).toBe(1);
    expect(sim.snsMessages()).toEqual([]);
  });
});
