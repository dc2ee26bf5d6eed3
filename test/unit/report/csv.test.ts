import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, DetailsCsvWriter, guardFormula } from '../../../src/report/csv.js';
import type { DetailRow } from '../../../src/report/model.js';

/** A strict RFC 4180 reader, for round trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  return rows;
}

describe('CSV escaping (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value, false)).toBe(expected);
  });

  it('ends records with CRLF', () => {
    expect(csvLine(['a', 'b'], false)).toBe('a,b\r\n');
  });

  it('round-trips any text through a strict reader (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (values) => {
        expect(parseCsv(csvLine(values, false))).toEqual([values]);
      }),
    );
  });
});

describe('formula guard', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['a=b', 'a=b'],
    ["'already", "'already"],
  ])('%j → %j', (value, expected) => {
    expect(guardFormula(value)).toBe(expected);
  });

  it('guards before quoting, so the quote still wraps the whole field', () => {
    expect(csvField('=HYPERLINK("http://x","y")', true)).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });
});

describe('DetailsCsvWriter', () => {
  it('writes a gzip CSV with a BOM, the header and one line per row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
    const path = join(dir, 'd.csv.gz');
    const writer = new DetailsCsvWriter(path, { gzipLevel: 1, formulaGuard: true });
    const row: DetailRow = {
      accountId: '111111111111',
      accountName: 'prod, "main"',
      environment: 'Prod',
      region: 'us-east-1',
      ruleName: 'r',
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'b',
      compliance: 'NON_COMPLIANT',
      annotation: '=cmd|"/c calc"!A1',
      recordedIso: '2024-05-01T10:00:00.000Z',
      recordedMs: 0,
      invokedIso: '2024-05-01T09:00:00.000Z',
      invokedMs: 0,
      ageDays: 3,
      stale: false,
      owner: 'team',
      tags: 'mox.owner=team',
    };
    for (let i = 0; i < 3000; i++) await writer.write(row);
    await writer.end();
    const text = gunzipSync(readFileSync(path)).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(3001);
    expect(rows[0]![0]).toBe('Account name');
    expect(rows[1]).toEqual([
      'prod, "main"',
      '111111111111',
      'Prod',
      'us-east-1',
      'r',
      'AWS::S3::Bucket',
      'b',
      'NON_COMPLIANT',
      '\'=cmd|"/c calc"!A1',
      '2024-05-01T10:00:00.000Z',
      '3',
      '2024-05-01T09:00:00.000Z',
      'team',
      'mox.owner=team',
      // The console link stays a plain URL: it starts with https, so the formula guard leaves it.
      'https://console.aws.amazon.com/config/home?region=us-east-1#/timeline/AWS::S3::Bucket/b/configuration',
    ]);
    expect(writer.rows).toBe(3000);
  });
});
