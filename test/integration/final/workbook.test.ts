import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FinalResult } from '../../../src/modes/final.js';
import type { LocalStore } from '../../../src/store/LocalStore.js';
import { A, B, C, D, E, F, G, writeFixture } from './fixture.js';
import { csvRows, openWorkbook, readStored, rowsOf, run, tableOf, tempStore, unzip } from './helpers.js';

let env: Awaited<ReturnType<typeof tempStore>>;
let store: LocalStore;
let result: FinalResult;
let wb: ExcelJS.Workbook;
const sheet = (name: string) => wb.getWorksheet(name)!;

beforeAll(async () => {
  env = await tempStore();
  store = env.store;
  await writeFixture(store);
  result = await run(store, env.dir, { group_id: G });
  wb = await openWorkbook(store, result.keys.xlsx);
});
afterAll(() => env.cleanup());

describe('final mode on a group with faults', () => {
  it('writes the workbook and its companions under the report keys', () => {
    expect(result.keys).toEqual({
      xlsx: 'reports/ConfigRule_2024-05-01.xlsx',
      csvGz: 'reports/ConfigRule_2024-05-01.details.csv.gz',
      summaryJson: 'reports/ConfigRule_2024-05-01.summary.json',
      html: 'reports/ConfigRule_2024-05-01.html',
      manifest: 'reports/ConfigRule_2024-05-01.manifest.json',
    });
  });

  it('has the sheets in order', () => {
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      'Summary',
      'Coverage',
      'Accounts',
      'Rules',
      'Owners',
      'Non-Compliant',
      'Details',
      'About',
    ]);
  });

  it('Summary: overall and Prod vs Non-Prod, with blank (not 0) where there is no data', () => {
    const rows = rowsOf(sheet('Summary'));
    const find = (label: string) => rows.find((r) => r[0] === label)!;
    // compliant 5 (b1 b4 i1 s1 s2), non-compliant 2 (b2 w1), NA 1 (b3), insufficient 2 (i9, iam-root-mfa in A).
    expect(find('Overall')).toEqual(['Overall', 6, 5, 2, 1, 2, 5 / 7]);
    expect(find('Prod')).toEqual(['Prod', 2, 2, 1, 1, 1, 2 / 3]);
    expect(find('Non-Prod')).toEqual(['Non-Prod', 3, 3, 1, 0, 1, 0.75]);
    expect(find('Unclassified')).toEqual(['Unclassified', 1, 0, 0, 0, 0, null]);
    expect(find('Evaluations without mox.owner (untagged)')?.[1]).toBe(1);
  });

  it('Summary: what was not read, by status under its own heading; engineer counts only in About', () => {
    const rows = rowsOf(sheet('Summary'));
    const labels = rows.map((r) => r[0]);
    // Shards, files and records read are the engineer's business (About), not the lead's.
    for (const engineerOnly of [/shard/i, /files? rejected/i, /records/i, /duplicates/i]) {
      expect(labels.filter((l) => engineerOnly.test(String(l ?? '')))).toEqual([]);
    }
    const heading = labels.indexOf('Account-regions not read completely, by status');
    expect(rows[heading + 1]!.slice(0, 2)).toEqual(['Status', 'Count']);
    const byStatus = new Map<unknown, unknown>();
    for (let i = heading + 2; rows[i]?.[0]; i++) byStatus.set(rows[i]![0], rows[i]![1]);
    // The Coverage sheet's account-region rows (files, invalid records and skipped accounts are
    // not account-regions that failed to read), counted independently of the Summary code.
    const notAccountRegions = new Set(['OK', 'REJECTED_FILE', 'INVALID_RECORDS', 'SKIPPED']);
    const expected = new Map<unknown, number>();
    for (const r of tableOf(sheet('Coverage'))) {
      if (!notAccountRegions.has(String(r.Status))) expected.set(r.Status, (expected.get(r.Status) ?? 0) + 1);
    }
    expect(byStatus).toEqual(expected);
    expect(rows.find((r) => r[0] === 'Account-regions not read completely (see Coverage)')?.[1]).toBe(
      [...expected.values()].reduce((a, b) => a + b, 0),
    );
    expect(
      labels.some((l) =>
        /^Compliance % counts rule–resource evaluations: compliant ÷ \(compliant \+ non-compliant\), as AWS Config's compliance score/.test(
          String(l),
        ),
      ),
    ).toBe(true);
  });

  it('Summary: the worst account first, traffic lights on the ratio column, and two native charts', () => {
    const rows = rowsOf(sheet('Summary'));
    const header = rows.findIndex((r) => r[0] === 'Account');
    expect(rows[header + 1]).toEqual(['dev-web-01', B, 'Non-Prod', 1, 1, 'CONFIG_NOT_ENABLED', 0.5]);
    const cf = (
      sheet('Summary') as unknown as {
        conditionalFormattings: { ref: string; rules: { operator?: string; formulae?: string[] }[] }[];
      }
    ).conditionalFormattings;
    const rules = cf.flatMap((c) => c.rules.map((r) => `${c.ref} ${r.operator} ${r.formulae?.join(',')}`));
    expect(rules).toContain(`G1:G${rows.length} lessThan 0.8`);
    expect(rules).toContain(`G1:G${rows.length} greaterThanOrEqual 0.95`);
    const parts = unzip(readStoredSync);
    expect([...parts.keys()].filter((k) => k.startsWith('xl/charts/'))).toEqual([
      'xl/charts/chart1.xml',
      'xl/charts/chart2.xml',
    ]);
    expect(parts.get('xl/charts/chart1.xml')!.toString()).toContain('Compliance % by environment');
  });

  it('Coverage names what is missing, rejected, denied, off, skipped and left out — and why', () => {
    const rows = tableOf(sheet('Coverage'));
    const line = (r: Record<string, unknown>) => [r.Status, r['Account ID'], r.Region, r.Shard, r.Reason];
    const lines = rows.map(line);
    expect(lines).toContainEqual([
      'REJECTED_FILE',
      null,
      null,
      `batches/${G}/04.json`,
      expect.stringMatching(/^corrupt JSON/),
    ]);
    expect(lines).toContainEqual([
      'REJECTED_FILE',
      null,
      null,
      `batches/${G}/README.txt`,
      'not a shard file: the name does not end in .json',
    ]);
    expect(lines).toContainEqual([
      'REJECTED_FILE',
      null,
      null,
      `batches/${G}/old/01.json`,
      'not a shard file: it is in a subfolder of the batch prefix',
    ]);
    expect(lines).toContainEqual(['MISSING', E, 'us-east-1', '03', 'shard 03 never arrived']);
    expect(lines).toContainEqual([
      'MISSING',
      F,
      'eu-west-1',
      '04',
      expect.stringMatching(/^shard 04 was rejected: corrupt JSON/),
    ]);
    expect(lines).toContainEqual([
      'ASSUME_ROLE_DENIED',
      D,
      'us-east-1',
      '02',
      expect.stringMatching(/^AccessDenied: not authorized/),
    ]);
    expect(lines).toContainEqual([
      'CONFIG_NOT_ENABLED',
      B,
      'eu-west-1',
      '01',
      'NoConfigurationRecorder: no recorder',
    ]);
    expect(lines).toContainEqual([
      'SKIPPED',
      '777777777777',
      null,
      null,
      'account state SUSPENDED: not collected',
    ]);
    expect(lines).toContainEqual([
      'INVALID_RECORDS',
      null,
      null,
      '01',
      '1 invalid record(s) left out; first: line 10: compliance_type "MAYBE" is not a compliance type',
    ]);
    expect(lines).toContainEqual(['OK', C, 'us-east-1', '02', 'also reported by shard 02-retry']);
    expect(rows.map((r) => r.Status)).toEqual(
      [...rows.map((r) => r.Status)].sort((x, y) => order(x) - order(y)),
    );
    expect(rows).toHaveLength(3 + 4 + 2 + 1 + 1 + 1 + 5);
  });

  it('Accounts: every account with its environment, where the label came from, coverage and ratio', () => {
    const rows = tableOf(sheet('Accounts'));
    const pick = (r: Record<string, unknown>) => [
      r['Account ID'],
      r.Environment,
      r['Environment source'],
      r.Coverage,
      r['Regions OK'],
      r.Regions,
      r.Compliant,
      r['Non-compliant'],
      r['Insufficient data'],
      r['Compliance %'],
    ];
    expect(rows.map(pick)).toEqual([
      // Most non-compliant first, then the lower ratio, then no data (by name).
      [B, 'Non-Prod', 'name-rule', 'CONFIG_NOT_ENABLED', 1, 2, 1, 1, 0, 0.5],
      [A, 'Prod', 'name-rule', 'OK', 2, 2, 2, 1, 1, 2 / 3],
      [C, 'Non-Prod', 'plan', 'OK', 2, 2, 2, 0, 1, 1],
      [E, 'Unclassified', 'none', 'MISSING', 0, 2, 0, 0, 0, null],
      [F, 'Prod', 'name-rule', 'MISSING', 0, 2, 0, 0, 0, null],
      [D, 'Non-Prod', 'name-rule', 'ASSUME_ROLE_DENIED', 0, 2, 0, 0, 0, null],
    ]);
    const cf = (
      sheet('Accounts') as unknown as {
        conditionalFormattings: { ref: string; rules: { operator?: string; formulae?: string[] }[] }[];
      }
    ).conditionalFormattings;
    expect(cf.map((c) => c.ref)).toEqual(['P2:P7', 'G2:G7']);
    expect(sheet('Accounts').views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet('Accounts').autoFilter).toBe('A1:Q7');
  });

  it('Rules and Owners carry the per-rule and per-owner numbers, with "untagged" as an owner', () => {
    // The fixture's shards are schema version 1 (no rule identity): still read, rules named as-is.
    const rules = tableOf(sheet('Rules')).map((r) => [
      r.Rule,
      r['Created by'],
      r.Instances,
      r.Accounts,
      r.Compliant,
      r['Non-compliant'],
      r['Not applicable'],
      r['Insufficient data'],
      r['Compliance %'],
    ]);
    // Worst first: most non-compliant, then the lowest ratio, no data last.
    expect(rules).toEqual([
      ['s3-bucket-versioning-enabled', 'Account', 4, 3, 4, 2, 1, 0, 4 / 6],
      ['ec2-imdsv2-check', 'Account', 2, 2, 1, 0, 0, 1, 1],
      ['iam-root-mfa-enabled', 'Account', 1, 1, 0, 0, 0, 1, null],
    ]);
    const owners = tableOf(sheet('Owners')).map((r) => [
      r['Owner (mox.owner)'],
      r.Accounts,
      r.Compliant,
      r['Non-compliant'],
      r['Compliance %'],
    ]);
    expect(owners).toEqual([
      // Most non-compliant first, then the lower ratio, then the name; untagged sorts like the rest.
      ['team-b', 1, 0, 1, 0],
      ['team-a', 2, 2, 1, 2 / 3],
      ['(no owner tag)', 1, 1, 0, 1],
      ['team-c', 1, 2, 0, 1],
    ]);
  });

  it('Non-Compliant and Details list the deduped evaluations, sorted, with compliance fills', () => {
    const nc = tableOf(sheet('Non-Compliant')).map((r) => [
      r['Account name'],
      r['Resource ID'],
      r.Annotation,
    ]);
    expect(nc).toEqual([
      ['dev-web-01', 'w1', null],
      ['prod-app-01', 'b2', 'versioning off'],
    ]);
    const details = tableOf(sheet('Details'));
    expect(
      details.map((r) => `${r['Account name']}/${r.Region}/${r['Resource ID']}/${r.Compliance}`),
    ).toEqual([
      'dev-web-01/us-east-1/i1/COMPLIANT',
      'dev-web-01/us-east-1/w1/NON_COMPLIANT',
      'prod-app-01/eu-west-1/b4/COMPLIANT',
      'prod-app-01/us-east-1/b1/COMPLIANT',
      'prod-app-01/us-east-1/b2/NON_COMPLIANT',
      'prod-app-01/us-east-1/b3/NOT_APPLICABLE',
      'shared-network/eu-west-1/i9/INSUFFICIENT_DATA',
      'shared-network/us-east-1/s1/COMPLIANT',
      'shared-network/us-east-1/s2/COMPLIANT',
    ]);
    expect(details[4]!['Result recorded (UTC)']).toEqual(new Date('2024-05-01T10:06:00.000Z'));
    expect(details[2]!.Owner).toBe('(no owner tag)');
    const cf = (
      sheet('Details') as unknown as {
        conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[];
      }
    ).conditionalFormattings;
    expect(cf[0]!.ref).toBe('H2:H10');
    expect(cf[0]!.rules.map((r) => r.formulae?.[0])).toEqual([
      '"COMPLIANT"',
      '"NON_COMPLIANT"',
      '"INSUFFICIENT_DATA"',
      '"NOT_APPLICABLE"',
    ]);
  });

  it('About records shard counts, duplicates and settings; the workbook defines the filter names', () => {
    const about = Object.fromEntries(tableOf(sheet('About')).map((r) => [r.Item, r.Value]));
    expect(about['Shards expected (plan)']).toBe(4);
    expect(about['Shards accepted']).toBe(3);
    expect(about['Files rejected']).toBe(3);
    expect(about['Duplicates dropped']).toBe(5);
    expect(about['Records read (valid)']).toBe(14);
    expect(about['Evaluations after dedupe']).toBe(9);
    expect(about['Shards not in the plan (used)']).toBe('02-retry');
    expect(about['Setting: Red below']).toBe(0.8);
    expect(about['Shards missing']).toBe(2);
    expect(about['Invalid records left out']).toBe(1);
    const workbookXml = unzip(readStoredSync).get('xl/workbook.xml')!.toString();
    expect(workbookXml).toContain('_xlnm._FilterDatabase');
  });

  it('the CSV has every Details row and the summary JSON the same numbers', async () => {
    const lines = await csvRows(store, result.keys.csvGz);
    expect(lines).toHaveLength(10);
    expect(lines[0]!.split(',')[0]).toBe('Account name');
    expect(lines[5]).toBe(
      `prod-app-01,${A},Prod,us-east-1,s3-bucket-versioning-enabled,AWS::S3::Bucket,b2,NON_COMPLIANT,versioning off,2024-05-01T10:06:00.000Z,0,2024-05-01T09:59:00.000Z,team-a,mox.owner=team-a,https://console.aws.amazon.com/config/home?region=us-east-1#/timeline/AWS::S3::Bucket/b2/configuration`,
    );
    const summary = JSON.parse((await readStored(store, result.keys.summaryJson)).toString());
    expect(summary).toEqual(JSON.parse(JSON.stringify(result.summary)));
    expect(summary.overall).toEqual({
      evaluations: 10,
      compliant: 5,
      non_compliant: 2,
      not_applicable: 1,
      insufficient_data: 2,
      compliance_ratio: 5 / 7,
    });
    expect(summary.shards).toEqual({ listed: 6, expected: 4, accepted: 3, rejected: 3, missing: 2 });
    expect(summary.records).toMatchObject({
      read: 14,
      invalid: 1,
      duplicates_dropped: 5,
      unique: 9,
      non_compliant: 2,
      rules_without_results: 1,
    });
    expect(summary.coverage.missing_shards.map((m: { shard_id: string }) => m.shard_id)).toEqual([
      '03',
      '04',
    ]);
    expect(summary.unclassified_accounts).toEqual([{ account_id: E, account_name: 'log-archive' }]);
  });
});

let readStoredSync: Buffer;
beforeAll(async () => {
  readStoredSync = await readStored(store, result.keys.xlsx);
});

function order(status: unknown): number {
  return [
    'REJECTED_FILE',
    'MISSING',
    'ASSUME_ROLE_DENIED',
    'ERROR',
    'TIMED_OUT',
    'CONFIG_NOT_ENABLED',
    'RECORDER_STOPPED',
    'PARTIAL',
    'INVALID_RECORDS',
    'SKIPPED',
    'OK',
  ].indexOf(String(status));
}
