/**
 * A wrong role name makes every account deny sts:AssumeRole. Such a run must not look like a
 * report about the organization: it is published, says "setup failure" first thing in Summary and
 * in the summary JSON and the manifest, and a healthy run's summary has no trace of the field.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RegionStatus } from '../../../src/core/model.js';
import type { ReportManifest } from '../../../src/modes/final/publish.js';
import { testSettings } from '../../helpers/settings.js';
import { account, record, region, shard } from '../../unit/modes/final/factories.js';
import { openWorkbook, putShard, rowsOf, run, tempStore } from './helpers.js';

const DAY = '2024-05-02';
const envs: Awaited<ReturnType<typeof tempStore>>[] = [];
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup();
});

/** A shard of `ok` readable accounts (one record each) and `denied` accounts that denied the role. */
function mixedShard(ok: number, denied: number, status: RegionStatus = 'ASSUME_ROLE_DENIED') {
  const records = Array.from({ length: ok }, (_, i) =>
    record({ account_id: `1000000000${String(i).padStart(2, '0')}`, account_name: `prod-ok-${i}` }),
  );
  const deniedAccounts = Array.from({ length: denied }, (_, i) =>
    account(`2000000000${String(i).padStart(2, '0')}`, `prod-denied-${i}`, [
      region('us-east-1', { status, error_name: 'AccessDenied', error_message: 'not authorized' }),
    ]),
  );
  return shard(DAY, '01', records, { accounts: deniedAccounts });
}

async function setup() {
  const env = await tempStore();
  envs.push(env);
  return env;
}

describe('setup failures', () => {
  it('every account denied: published, and it says so at the top of Summary, in the JSON and the manifest', async () => {
    const { store, dir } = await setup();
    await putShard(store, mixedShard(0, 4));
    const result = await run(store, dir, { group_id: DAY });
    const failure = result.summary.setup_failure;
    expect(failure).toMatchObject({
      reason: 'access-denied-share',
      account_regions: 4,
      read: 0,
      denied: 4,
      denied_share: 1,
      config_not_enabled: 0,
      threshold: 0.5,
    });
    expect(failure?.likely_causes.join(' ')).toMatch(/role name.*ExternalId.*spoke stack.*trust/);

    const written = JSON.parse(await store.getText(result.keys.summaryJson));
    expect(Object.keys(written).slice(0, 5)).toEqual([
      'schema_version',
      'group_id',
      'report_date',
      'generated_at',
      'setup_failure',
    ]);
    const manifest = JSON.parse(await store.getText(result.keys.manifest)) as ReportManifest;
    expect(manifest.status).toBe('setup_failure');
    expect(manifest.setup_failure).toEqual(failure);

    const wb = await openWorkbook(store, result.keys.xlsx);
    const summary = wb.getWorksheet('Summary')!;
    const rows = rowsOf(summary);
    expect(rows[0]![0]).toBe(
      'Setup failure: 4 of 4 account-regions (100%) denied sts:AssumeRole, above the 50% threshold; ' +
        'the numbers in this report do not describe the organization.',
    );
    expect(String(rows[1]![0])).toMatch(/^Likely causes: the role name differs/);
    expect(rows[3]![0]).toBe(`AWS Config compliance — ${DAY}`);
    const fill = summary.getCell('A1').fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe('FFFFC7CE');
    // The red lines wrap inside the table's width (A:G, merged) instead of running off column A,
    // and their rows are tall enough for the lines they wrap to.
    for (const row of [1, 2]) {
      expect(summary.getCell(`G${row}`).isMerged).toBe(true);
      expect(summary.getCell(`G${row}`).master.address).toBe(`A${row}`);
      expect(summary.getCell(`A${row}`).alignment).toMatchObject({ wrapText: true });
    }
    const widthAG = [1, 2, 3, 4, 5, 6, 7].reduce((sum, c) => sum + summary.getColumn(c).width!, 0);
    const causes = String(rows[1]![0]);
    // At least one line per widthAG characters: a lower bound on the lines, whatever the font.
    expect(summary.getRow(2).height).toBeGreaterThanOrEqual(Math.ceil(causes.length / widthAG) * 15);
    expect(summary.getRow(2).height).toBeGreaterThan(15);
  });

  it('a denied share at or below REPORT_SETUP_FAILURE_SHARE is coverage, not a setup failure', async () => {
    const { store, dir } = await setup();
    await putShard(store, mixedShard(3, 2));
    const healthy = await run(store, dir, { group_id: DAY });
    expect(healthy.summary).not.toHaveProperty('setup_failure');
    expect(await store.getText(healthy.keys.summaryJson)).not.toContain('setup_failure');
    expect(JSON.parse(await store.getText(healthy.keys.manifest))).not.toHaveProperty('setup_failure');
    const wb = await openWorkbook(store, healthy.keys.xlsx);
    expect(rowsOf(wb.getWorksheet('Summary')!)[0]![0]).toBe(`AWS Config compliance — ${DAY}`);

    const strict = testSettings({ REPORT_SETUP_FAILURE_SHARE: '0.3' }).final.setupFailureShare;
    expect(strict).toBe(0.3);
    const failed = await run(store, dir, { group_id: DAY }, { setupFailureShare: strict });
    expect(failed.summary.setup_failure).toMatchObject({ denied: 2, denied_share: 0.4, threshold: 0.3 });
  });

  it('Config off everywhere is a setup failure of its own kind, never counted as denied access', async () => {
    const { store, dir } = await setup();
    await putShard(store, mixedShard(0, 3, 'CONFIG_NOT_ENABLED'));
    const result = await run(store, dir, { group_id: DAY });
    expect(result.summary.setup_failure).toMatchObject({
      reason: 'no-account-region-read',
      denied: 0,
      denied_share: 0,
      config_not_enabled: 3,
      config_not_enabled_share: 1,
      likely_causes: [expect.stringMatching(/^AWS Config is not enabled/)],
    });
  });
});
