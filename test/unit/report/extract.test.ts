/** An extract's Summary: the team's own counts and ratio where the main Summary keeps them. */
import { describe, expect, it } from 'vitest';
import { type ExtractModel, extractSummaryRows } from '../../../src/report/extract.js';

const model = (ratio: number | null): ExtractModel => ({
  kind: 'Owner',
  value: '=team/../a',
  groupId: '2024-05-01',
  reportDate: '2024-05-01',
  generatedAt: new Date('2024-05-02T06:00:00Z'),
  thresholds: { red: 0.8, yellow: 0.95 },
  counts: { compliant: 3, nonCompliant: 1, notApplicable: 2, insufficientData: 4 },
  ratio,
  facts: [
    { label: 'Owner tag', value: 'mox.owner' },
    { label: 'Accounts', value: 2 },
  ],
});

describe('extractSummaryRows', () => {
  it('titles the owner as tagged, then one counts row with the ratio in column G, then the facts', () => {
    const rows = extractSummaryRows(model(0.75));
    expect(rows[0]).toEqual([{ value: 'AWS Config compliance — owner =team/../a', style: 'title' }]);
    expect(rows[3]?.map((c) => (c as { value: string }).value)).toEqual([
      'Scope',
      'Evaluations',
      'Compliant',
      'Non-compliant',
      'Not applicable',
      'Insufficient data',
      'Compliance %',
    ]);
    expect(rows[4]).toEqual([
      '=team/../a',
      { value: 10, style: 'integer' },
      { value: 3, style: 'integer' },
      { value: 1, style: 'integer' },
      { value: 2, style: 'integer' },
      { value: 4, style: 'integer' },
      { value: 0.75, style: 'percent' },
    ]);
    expect(rows.slice(-2)).toEqual([
      ['Owner tag', 'mox.owner'],
      ['Accounts', { value: 2, style: 'integer' }],
    ]);
  });

  it('leaves the ratio blank without data (never 0 %)', () => {
    expect(extractSummaryRows(model(null))[4]?.[6]).toBeNull();
  });
});
