/**
 * Final mode's announcements with recording ports (no SNS): what a published report, a setup
 * failure and a failed run send, and that a notification that cannot be sent never changes the
 * run's outcome — the report is returned, the run's own error is rethrown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FinalEvent } from '../../../src/core/event.js';
import { silentLogger } from '../../../src/core/logger.js';
import { notifyReport } from '../../../src/modes/final/notify.js';
import type {
  NotificationPort,
  NotificationText,
  NotifyDeps,
  ReportLinkPort,
} from '../../../src/modes/final.js';
import { runFinal } from '../../../src/modes/final.js';
import { testSettings } from '../../helpers/settings.js';
import { account, record, region, shard } from '../../unit/modes/final/factories.js';
import { putShard, tempStore } from './helpers.js';

const DAY = '2024-05-02';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:reports';
const NOW = new Date('2024-05-02T06:00:00.000Z');
const envs: Awaited<ReturnType<typeof tempStore>>[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup();
});

/** A notifier that records what it is given (or fails with `error`). */
function recordingNotifier(error?: Error): NotificationPort & { sent: NotificationText[] } {
  const sent: NotificationText[] = [];
  return {
    target: TOPIC,
    sent,
    async publish(message) {
      if (error) throw error;
      sent.push(message);
      return { messageId: `m-${sent.length}` };
    },
  };
}

/** Links `https://files.example/<key>` valid for what was asked, from NOW. */
const links: ReportLinkPort = {
  async link(key, seconds) {
    return {
      kind: 'url',
      url: `https://files.example/${key}`,
      location: `s3://files/${key}`,
      expiresAt: new Date(NOW.getTime() + seconds * 1000),
      limitedBy: 'request',
    };
  },
};

async function finalRun(group: string, notify: NotifyDeps, shards: Parameters<typeof putShard>[1][] = []) {
  const env = await tempStore();
  envs.push(env);
  for (const s of shards) await putShard(env.store, s);
  const event: FinalEvent = { mode: 'final', group_id: group };
  return runFinal(event, {
    store: env.store,
    prefix: '',
    logger: silentLogger,
    clock: () => NOW,
    settings: { ...testSettings({ REPORT_LINK_EXPIRY_DAYS: '3' }).final, workers: 0 },
    tempDir: env.dir,
    notify,
  });
}

const healthy = () =>
  shard(DAY, '01', [
    record({ resource_id: 'a' }),
    record({ resource_id: 'b', compliance_type: 'NON_COMPLIANT' }),
    record({ resource_id: 'c' }),
  ]);

describe('a published report', () => {
  it('is announced once, with its numbers, links and their expiry', async () => {
    const notifier = recordingNotifier();
    const result = await finalRun(DAY, { notifier, links }, [healthy()]);
    expect(result.notification).toEqual({
      status: 'sent',
      target: TOPIC,
      messageId: 'm-1',
      linksExpireAt: '2024-05-05T06:00:00.000Z',
    });
    const [message] = notifier.sent;
    expect(notifier.sent).toHaveLength(1);
    // 2 compliant of 3: 66.66… %, rounded down; the shard's one account is in one region.
    expect(message!.subject).toBe(`ConfigReport ${DAY}: 66.6% compliant (Red), full coverage`);
    expect(message!.text).toContain('Overall: 66.6% (Red): 2 compliant, 1 non-compliant');
    expect(message!.text).toContain('Coverage: every expected account-region was read');
    expect(message!.text).toContain(`Workbook: https://files.example/reports/ConfigRule_${DAY}.xlsx`);
    expect(message!.text).toContain('The links work until 2024-05-05 06:00 UTC.');
    expect(message!.text).toContain(
      `After that, the workbook stays at s3://files/reports/ConfigRule_${DAY}.xlsx`,
    );
    expect(message!.text).toContain(`Summary (HTML): https://files.example/reports/ConfigRule_${DAY}.html`);
    expect(message!.attributes).toEqual({ status: 'ok', group_id: DAY, report_date: DAY });
  });

  it('links the HTML summary too when the run published one', async () => {
    const notifier = recordingNotifier();
    const result = await finalRun(DAY, { notifier: recordingNotifier(), links }, [healthy()]);
    await notifyReport(
      { summary: result.summary, keys: { ...result.keys, html: `reports/ConfigRule_${DAY}.html` } },
      { notifier, links },
      { linkExpiryDays: 1, logger: silentLogger },
    );
    expect(notifier.sent[0]!.text).toContain(
      `Summary (HTML): https://files.example/reports/ConfigRule_${DAY}.html`,
    );
  });

  it('a setup failure reads as a failure, with its causes and the links to the report that explains it', async () => {
    const notifier = recordingNotifier();
    const denied = account('200000000000', 'prod-denied', [
      region('us-east-1', { status: 'ASSUME_ROLE_DENIED', error_name: 'AccessDenied', error_message: 'no' }),
    ]);
    const result = await finalRun(DAY, { notifier, links }, [shard(DAY, '01', [], { accounts: [denied] })]);
    expect(result.summary.setup_failure).toBeDefined();
    const [message] = notifier.sent;
    expect(message!.subject).toBe(`ConfigReport FAILED ${DAY}: setup failure`);
    expect(message!.text).toContain(`SETUP FAILURE: ${result.summary.setup_failure!.message}`);
    for (const cause of result.summary.setup_failure!.likely_causes)
      expect(message!.text).toContain(`- ${cause}`);
    expect(message!.text).toContain('Workbook: https://files.example/');
    expect(message!.attributes.status).toBe('setup_failure');
  });

  it('is still returned when the message is refused: the outcome says why', async () => {
    const refused = Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException' });
    const result = await finalRun(DAY, { notifier: recordingNotifier(refused), links }, [healthy()]);
    expect(result.keys.xlsx).toBe(`reports/ConfigRule_${DAY}.xlsx`);
    expect(result.notification).toMatchObject({
      status: 'failed',
      target: TOPIC,
      error: 'NotFoundException: Topic does not exist',
    });
  });

  it('is still returned when no link can be made, and nothing half-made is sent', async () => {
    const notifier = recordingNotifier();
    const broken: ReportLinkPort = {
      link: async () => {
        throw new Error('credentials could not be loaded');
      },
    };
    const result = await finalRun(DAY, { notifier, links: broken }, [healthy()]);
    expect(result.notification).toMatchObject({
      status: 'failed',
      error: 'no download link: Error: credentials could not be loaded',
    });
    expect(notifier.sent).toEqual([]);
  });
});

describe('a failed run', () => {
  it('is announced with the error, then the error is rethrown unchanged', async () => {
    const notifier = recordingNotifier();
    const error = await finalRun('adhoc-1', { notifier, links }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('NoShardsError');
    expect(notifier.sent).toHaveLength(1);
    const [message] = notifier.sent;
    expect(message!.subject).toBe('ConfigReport FAILED adhoc-1: NoShardsError');
    expect(message!.text).toContain(`NoShardsError: ${(error as Error).message}`);
    expect(message!.attributes).toEqual({ status: 'failed', group_id: 'adhoc-1', report_date: DAY });
  });

  it('rethrows its own error even when the failure message cannot be sent', async () => {
    const notifier = recordingNotifier(new Error('SNS is down'));
    const error = await finalRun('adhoc-2', { notifier, links }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('NoShardsError');
  });
});
