/**
 * Accepted exceptions end to end: accepted evaluations leave the Non-Compliant sheet for the
 * Exceptions sheet, expired and idle entries are listed, Summary and the JSON show the overall
 * ratio both ways (recomputed here from the records), and a bad file stops the run with nothing
 * written unless ignoring is on.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceRecord } from '../../../src/core/model.js';
import { type FinalResult, isInvalidExceptionsError } from '../../../src/modes/final.js';
import type { SummaryJson } from '../../../src/report/summaryJson.js';
import { LocalStore } from '../../../src/store/LocalStore.js';
import { runCli } from '../../helpers/runCli.js';
import { record, shard } from '../../unit/modes/final/factories.js';
import { openWorkbook, putShard, readStored, rowsOf, run, tableOf, tempStore } from './helpers.js';

const G = '2024-05-01'; // the report date
const A = { account_id: '111111111111', account_name: 'payments-prod' };
const B = { account_id: '222222222222', account_name: 'web-dev' };
/** A Security Hub instance: its logical rule is the name without `-a1b2c3`. */
const HUB = { rule_name: 'securityhub-s3-bucket-versioning-enabled-a1b2c3' };
const PLAIN = { rule_name: 's3-bucket-versioning-enabled' };
const IAM = { rule_name: 'iam-password-policy' };
const nc = (o: Partial<ComplianceRecord>) => record({ ...o, compliance_type: 'NON_COMPLIANT' });
const ok = (o: Partial<ComplianceRecord>) => record({ ...o, compliance_type: 'COMPLIANT' });

const records: ComplianceRecord[] = [
  nc({ ...A, ...HUB, resource_id: 'logs.archive-1' }),
  nc({ ...A, ...HUB, resource_id: 'logs.archive-2' }),
  nc({ ...A, ...HUB, resource_id: 'data-1' }),
  ok({ ...A, ...HUB, resource_id: 'data-2' }),
  nc({ ...A, ...IAM, resource_type: 'AWS::::Account', resource_id: 'AccountX' }),
  nc({ ...B, ...PLAIN, resource_id: 'logs.archive-9' }),
  ok({ ...B, ...PLAIN, resource_id: 'web-1' }),
];

const base = { reason: 'archive, versioning not needed', owner: 'platform-team' };
const exceptionsFile = {
  version: 1,
  exceptions: [
    // By logical rule name; `?` one character; 9 days left: expiring.
    {
      ...base,
      account: A.account_id,
      rule: 'securityhub-s3-bucket-versioning-enabled',
      resource: 'logs.archive-?',
      expires: '2024-05-10',
    },
    // By instance name pattern, any account; the dot is literal.
    { ...base, account: '*', rule: 's3-bucket-*', resource: 'logs.*', expires: '2024-12-31' },
    // Expired the day before the report: no longer applies.
    {
      ...base,
      account: A.account_id,
      rule: 'iam-password-policy',
      resource: 'AccountX',
      expires: '2024-04-30',
    },
    // Matches nothing: no such rule; and a literal dot that must not match `data-1`.
    { ...base, account: '*', rule: 'no-such-rule', resource: '*', expires: '2025-01-01' },
    { ...base, account: '*', rule: '*', resource: 'data.1', expires: '2025-01-01' },
  ],
};
/** What the file must accept, worked out by hand from the entries above. */
const ACCEPTED = ['logs.archive-1', 'logs.archive-2', 'logs.archive-9'];

const EXCEPTIONS_KEY = 'config/exceptions.json';
let env: Awaited<ReturnType<typeof tempStore>>;
let result: FinalResult;
let wb: ExcelJS.Workbook;
let summary: SummaryJson;

beforeAll(async () => {
  env = await tempStore();
  await putShard(env.store, shard(G, '01', records));
  await env.store.put(EXCEPTIONS_KEY, JSON.stringify(exceptionsFile));
  result = await run(
    env.store,
    env.dir,
    { group_id: G },
    {
      exceptions: `store:${EXCEPTIONS_KEY}`,
      ownerExtracts: true,
    },
  );
  wb = await openWorkbook(env.store, result.keys.xlsx);
  summary = JSON.parse((await readStored(env.store, result.keys.summaryJson)).toString('utf8'));
});
afterAll(() => env.cleanup());

const resourceIds = (ws: ExcelJS.Worksheet | undefined) => tableOf(ws!).map((r) => r['Resource ID']);

describe('accepted evaluations', () => {
  it('leave the Non-Compliant sheet and stay on Details', () => {
    const work = records.filter(
      (r) => r.compliance_type === 'NON_COMPLIANT' && !ACCEPTED.includes(r.resource_id),
    );
    expect(resourceIds(wb.getWorksheet('Non-Compliant')).sort()).toEqual(
      work.map((r) => r.resource_id).sort(),
    );
    expect(resourceIds(wb.getWorksheet('Details'))).toHaveLength(records.length);
  });

  it('leave the owner extracts too', async () => {
    const keys: string[] = [];
    for await (const o of env.store.list(`reports/${G}/owners/`)) keys.push(o.key);
    expect(keys).toHaveLength(1); // every record is team-a's
    const extract = await openWorkbook(env.store, keys[0]!);
    const work = records.filter(
      (r) => r.compliance_type === 'NON_COMPLIANT' && !ACCEPTED.includes(r.resource_id),
    );
    expect(resourceIds(extract.getWorksheet('Non-Compliant')).sort()).toEqual(
      work.map((r) => r.resource_id).sort(),
    );
  });

  it('are on the Exceptions sheet with their entry, then the expired and idle entries', () => {
    const rows = tableOf(wb.getWorksheet('Exceptions')!);
    expect(rows.map((r) => [r.Status, r['Resource ID'], r.Entry, r['Days to expiry']])).toEqual([
      ['Accepted (expiring)', 'logs.archive-1', 'exceptions[0]', 9],
      ['Accepted (expiring)', 'logs.archive-2', 'exceptions[0]', 9],
      ['Accepted', 'logs.archive-9', 'exceptions[1]', 244],
      ['Expired', 'AccountX', 'exceptions[2]', -1],
      ['Matched nothing', '*', 'exceptions[3]', 245],
      ['Matched nothing', 'data.1', 'exceptions[4]', 245],
    ]);
    expect(rows[0]).toMatchObject({
      Account: A.account_name,
      'Account ID': A.account_id,
      Region: 'us-east-1',
      Rule: HUB.rule_name,
      'Resource type': 'AWS::S3::Bucket',
      'Owner tag': 'team-a',
      Reason: base.reason,
      'Exception owner': base.owner,
      Expires: '2024-05-10',
    });
    expect(result.summary.outputs.sheets).toContain('Exceptions');
  });
});

describe('Summary and the JSON', () => {
  const compliant = records.filter((r) => r.compliance_type === 'COMPLIANT').length;
  const nonCompliant = records.filter((r) => r.compliance_type === 'NON_COMPLIANT').length;
  const strict = compliant / (compliant + nonCompliant);
  const without = compliant / (compliant + nonCompliant - ACCEPTED.length);

  it('show the overall ratio strict and without the accepted evaluations', () => {
    const rows = rowsOf(wb.getWorksheet('Summary')!);
    const ratioOf = (label: string) => rows.find((r) => String(r[0]).startsWith(label))?.[6];
    expect(ratioOf('Overall, strict')).toBeCloseTo(strict, 12);
    expect(ratioOf('Overall without accepted')).toBeCloseTo(without, 12);
    expect(summary.exceptions?.compliance_ratio_strict).toBeCloseTo(strict, 12);
    expect(summary.exceptions?.compliance_ratio_without_accepted).toBeCloseTo(without, 12);
    // Every other ratio stays strict.
    expect(summary.overall.compliance_ratio).toBeCloseTo(strict, 12);
    expect(summary.records.non_compliant).toBe(nonCompliant);
  });

  it('count accepted evaluations, expiring, expired and unmatched entries', () => {
    expect(summary.exceptions).toMatchObject({
      source: `store:${EXCEPTIONS_KEY}`,
      accepted: ACCEPTED.length,
      expiring: 1,
      expired: 1,
      unmatched: 2,
    });
    expect(summary.exceptions?.entries.map((e) => [e.status, e.matched])).toEqual([
      ['expiring', 2],
      ['active', 1],
      ['expired', 0],
      ['active', 0],
      ['active', 0],
    ]);
    const rows = rowsOf(wb.getWorksheet('Summary')!);
    const countOf = (label: string) => rows.find((r) => String(r[0]).startsWith(label))?.[1];
    expect(countOf('Accepted non-compliant evaluations')).toBe(ACCEPTED.length);
    expect(countOf('Entries expiring within 14 days')).toBe(1);
    expect(countOf('Expired entries')).toBe(1);
    expect(countOf('Entries in force that matched nothing')).toBe(2);
  });

  it('are the same with worker threads writing the evaluation sheets', async () => {
    const other = await tempStore();
    try {
      await putShard(other.store, shard(G, '01', records));
      await other.store.put(EXCEPTIONS_KEY, JSON.stringify(exceptionsFile));
      const threaded = await run(
        other.store,
        other.dir,
        { group_id: G },
        {
          exceptions: `store:${EXCEPTIONS_KEY}`,
          workers: 1,
        },
      );
      const twb = await openWorkbook(other.store, threaded.keys.xlsx);
      for (const name of ['Non-Compliant', 'Exceptions', 'Summary'])
        expect(rowsOf(twb.getWorksheet(name)!)).toEqual(rowsOf(wb.getWorksheet(name)!));
    } finally {
      await other.cleanup();
    }
  }, 60_000);
});

describe('a bad exceptions file', () => {
  async function attempt(contents: string | undefined, ignore = false) {
    const bad = await tempStore();
    await putShard(bad.store, shard(G, '01', records));
    const path = join(bad.dir, 'exceptions.json');
    if (contents !== undefined) await writeFile(path, contents);
    const outcome = await run(
      bad.store,
      bad.dir,
      { group_id: G },
      {
        exceptions: path,
        ignoreInvalidExceptions: ignore,
      },
    ).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const written: string[] = [];
    for await (const o of bad.store.list('reports/')) written.push(o.key);
    return { outcome, written, bad };
  }
  const broken = JSON.stringify({
    version: 1,
    exceptions: [{ ...exceptionsFile.exceptions[0], expires: '10/05/2024' }],
  });

  it('stops the run naming the field, with nothing written', async () => {
    const { outcome, written, bad } = await attempt(broken);
    await bad.cleanup();
    expect('error' in outcome && isInvalidExceptionsError(outcome.error)).toBe(true);
    const error = (outcome as { error: Error & { details: string[] } }).error;
    expect(error.message).toContain('exceptions[0].expires: not a date YYYY-MM-DD');
    expect(error.details).toEqual(['exceptions[0].expires: not a date YYYY-MM-DD']);
    expect(written).toEqual([]);
  });

  it('stops the run when the configured file does not exist', async () => {
    const { outcome, written, bad } = await attempt(undefined);
    await bad.cleanup();
    expect('error' in outcome && isInvalidExceptionsError(outcome.error)).toBe(true);
    expect(written).toEqual([]);
  });

  it('with ignoring on, is reported and no exception applies', async () => {
    const { outcome, written, bad } = await attempt(broken, true);
    try {
      expect('value' in outcome).toBe(true);
      const { value } = outcome as { value: FinalResult };
      expect(written).toContain(value.keys.xlsx);
      expect(value.summary.exceptions?.ignored).toContain('exceptions[0].expires: not a date YYYY-MM-DD');
      expect(value.summary.exceptions?.accepted).toBe(0);
      expect(value.summary.warnings.some((w) => w.includes('exceptions[0].expires'))).toBe(true);
      const ignoredWb = await openWorkbook(bad.store, value.keys.xlsx);
      const ncCount = records.filter((r) => r.compliance_type === 'NON_COMPLIANT').length;
      expect(resourceIds(ignoredWb.getWorksheet('Non-Compliant'))).toHaveLength(ncCount);
    } finally {
      await bad.cleanup();
    }
  });
});

describe('the CLI', () => {
  it('exits 2 (bad input) naming the field, and writes no report', async () => {
    const cli = await tempStore();
    try {
      const out = join(cli.dir, 'out');
      const store = new LocalStore(out);
      await putShard(store, shard(G, '01', records));
      const path = join(cli.dir, 'exceptions.json');
      await writeFile(path, JSON.stringify({ version: 1, exceptions: [{ ...base, account: '42' }] }));
      const ran = await runCli(['final', '--out', out, '--group-id', G, '--exceptions', path], {
        env: {},
        cwd: cli.dir,
      });
      expect(ran.code, ran.stderr).toBe(2);
      expect(ran.stderr).toContain('exceptions[0].account: not a 12-digit account id or "*"');
      const written: string[] = [];
      for await (const o of store.list('reports/')) written.push(o.key);
      expect(written).toEqual([]);
    } finally {
      await cli.cleanup();
    }
  }, 60_000);
});
