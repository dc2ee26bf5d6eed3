import { describe, expect, it } from 'vitest';
import { buildCoverage } from '../../../src/core/coverage.js';
import { HeaderMerger } from '../../../src/core/merge.js';
import { account, plan, region } from '../modes/final/factories.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';

function merged(...shards: { id: string; accounts: ReturnType<typeof account>[] }[]) {
  const m = new HeaderMerger();
  for (const s of shards) m.add({ shard_id: s.id, accounts: s.accounts, rules: [] });
  return m.accounts();
}

describe('buildCoverage', () => {
  it('names shards that never arrived and every account-region they held', () => {
    const p = plan(
      'g',
      [
        { id: '01', accounts: [[A, 'prod-a']] },
        { id: '02', accounts: [[B, 'dev-b']] },
      ],
      ['us-east-1', 'eu-west-1'],
    );
    const cov = buildCoverage({
      plan: p,
      expectedRegions: p.regions,
      accounts: merged({
        id: '01',
        accounts: [account(A, 'prod-a', [region('us-east-1'), region('eu-west-1')])],
      }),
      acceptedShards: ['01'],
      rejected: [],
      recordNotes: [],
    });
    const missing = cov.rows.filter((r) => r.status === 'MISSING');
    expect(missing.map((r) => [r.accountId, r.region, r.shardId, r.reason])).toEqual([
      [B, 'eu-west-1', '02', 'shard 02 never arrived'],
      [B, 'us-east-1', '02', 'shard 02 never arrived'],
    ]);
    expect(cov.missingShards).toEqual([{ shardId: '02', accounts: 1, reason: 'shard 02 never arrived' }]);
    expect(cov.statusCounts).toEqual({ MISSING: 2, OK: 2 });
    expect(cov.expectedShards).toBe(2);
  });

  it('says a shard was rejected, and why, for the accounts it should have held', () => {
    const p = plan('g', [{ id: '01', accounts: [[A, 'a']] }], []);
    const cov = buildCoverage({
      plan: p,
      expectedRegions: [],
      accounts: [],
      acceptedShards: [],
      rejected: [{ key: 'batches/g/01.json', shardId: '01', reason: 'corrupt JSON: x' }],
      recordNotes: [],
    });
    expect(cov.rows.map((r) => [r.status, r.accountId, r.reason])).toEqual([
      ['REJECTED_FILE', '', 'corrupt JSON: x'],
      ['MISSING', A, 'shard 01 was rejected: corrupt JSON: x'],
    ]);
  });

  it('lists region outcomes with reasons, failed rules, regions a shard left out, skipped accounts and bad records', () => {
    const p = plan(
      'g',
      [
        {
          id: '01',
          accounts: [
            [A, 'a'],
            [C, 'c'],
          ],
        },
      ],
      ['us-east-1', 'eu-west-1'],
    );
    p.skipped_accounts = [{ account_id: B, account_name: 'old', state: 'SUSPENDED' }];
    const cov = buildCoverage({
      plan: p,
      expectedRegions: p.regions,
      accounts: merged({
        id: '01',
        accounts: [
          account(A, 'a', [
            region('us-east-1', {
              status: 'ASSUME_ROLE_DENIED',
              error_name: 'AccessDenied',
              error_message: 'no',
            }),
            region('eu-west-1', {
              status: 'PARTIAL',
              failed_rules: [{ rule_name: 'r1', error_name: 'Throttling', error_message: 'slow down' }],
            }),
          ]),
        ],
      }),
      acceptedShards: ['01'],
      rejected: [],
      recordNotes: [{ shardId: '01', invalidRecords: 3, firstReason: 'line 4: bad' }],
    });
    const byStatus = Object.fromEntries(
      cov.rows.map((r) => [`${r.status}:${r.accountId}:${r.region}`, r.reason]),
    );
    expect(byStatus[`ASSUME_ROLE_DENIED:${A}:us-east-1`]).toBe('AccessDenied: no');
    expect(byStatus[`PARTIAL:${A}:eu-west-1`]).toBe('1 rule(s) failed: r1 (Throttling: slow down)');
    expect(byStatus[`MISSING:${C}:us-east-1`]).toBe("not in shard 01's file");
    expect(byStatus[`SKIPPED:${B}:`]).toBe('account state SUSPENDED: not collected');
    expect(byStatus['INVALID_RECORDS::']).toBe('3 invalid record(s) left out; first: line 4: bad');
    // The worst news first.
    expect(cov.rows.map((r) => r.status)).toEqual([
      'MISSING',
      'MISSING',
      'ASSUME_ROLE_DENIED',
      'PARTIAL',
      'INVALID_RECORDS',
      'SKIPPED',
    ]);
  });

  it('without a plan, expected accounts may come from the final event', () => {
    const cov = buildCoverage({
      eventAccounts: [{ account_id: A, account_name: 'a' }],
      expectedRegions: [],
      accounts: [],
      acceptedShards: [],
      rejected: [],
      recordNotes: [],
    });
    expect(cov.rows).toMatchObject([
      { status: 'MISSING', accountId: A, reason: 'listed in the final event; no shard reported it' },
    ]);
    expect(cov.expectedShards).toBeNull();
  });

  it('reports accepted shards the plan did not list', () => {
    const cov = buildCoverage({
      plan: plan('g', [{ id: '01', accounts: [] }]),
      expectedRegions: [],
      accounts: [],
      acceptedShards: ['01', 'extra'],
      rejected: [],
      recordNotes: [],
    });
    expect(cov.unexpectedShards).toEqual(['extra']);
  });
});

describe('HeaderMerger', () => {
  it('keeps the best outcome per account-region and remembers the other shards', () => {
    const m = new HeaderMerger();
    m.add({
      shard_id: '01',
      accounts: [account(A, 'a', [region('us-east-1', { status: 'TIMED_OUT' })])],
      rules: [],
    });
    m.add({ shard_id: '02', accounts: [account(A, 'a', [region('us-east-1')])], rules: [] });
    m.add({
      shard_id: '03',
      accounts: [account(A, 'a', [region('us-east-1', { status: 'ERROR' })])],
      rules: [],
    });
    const r = m.account(A)!.regions.get('us-east-1')!;
    expect([r.result.status, r.shardId, r.alsoIn]).toEqual(['OK', '02', ['01', '03']]);
    expect(m.account(A)!.shards).toEqual(['01', '02', '03']);
  });
});
