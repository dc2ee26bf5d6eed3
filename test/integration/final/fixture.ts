/**
 * The "realistic morning" fixture: a plan of four shards over two regions where one shard never
 * arrived, one is corrupt, one was written twice under another name, one account's role is denied,
 * one region has Config off, a shard holds a bad record and a duplicate, and foreign files sit in
 * the batch folder. The expected numbers are worked out by hand in the comments.
 */
import type { LocalStore } from '../../../src/store/LocalStore.js';
import { account, plan, record, region, rule, shard } from '../../unit/modes/final/factories.js';
import { putPlan, putShard } from './helpers.js';

export const G = '2024-05-01';
export const A = '111111111111'; // prod-app-01 → Prod (name)
export const B = '222222222222'; // dev-web-01 → Non-Prod (name)
export const C = '333333333333'; // shared-network → Non-Prod (plan label)
export const D = '444444444444'; // sandbox-dan-01 → Non-Prod, role denied everywhere
export const E = '555555555555'; // log-archive → Unclassified, its shard 03 never arrived
export const F = '666666666666'; // prod-data-01 → Prod, its shard 04 is corrupt
const REGIONS = ['us-east-1', 'eu-west-1'];
const t = (minute: number) => `2024-05-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

/** Writes the fixture into the store. */
export async function writeFixture(store: LocalStore): Promise<void> {
  const p = plan(
    G,
    [
      {
        id: '01',
        accounts: [
          [A, 'prod-app-01'],
          [B, 'dev-web-01'],
        ],
      },
      {
        id: '02',
        accounts: [
          [C, 'shared-network'],
          [D, 'sandbox-dan-01'],
        ],
      },
      { id: '03', accounts: [[E, 'log-archive']] },
      { id: '04', accounts: [[F, 'prod-data-01']] },
    ],
    REGIONS,
  );
  p.shards[1]!.accounts[0]!.environment = 'Non-Prod';
  p.skipped_accounts = [{ account_id: '777777777777', account_name: 'old-account', state: 'SUSPENDED' }];
  await putPlan(store, p);

  const a = { account_id: A, account_name: 'prod-app-01' };
  const b = { account_id: B, account_name: 'dev-web-01' };
  const s01 = shard(G, '01', [
    record({ ...a, resource_id: 'b1', result_recorded_time: t(5) }),
    record({
      ...a,
      resource_id: 'b2',
      compliance_type: 'NON_COMPLIANT',
      annotation: 'versioning off',
      result_recorded_time: t(6),
    }),
    record({ ...a, resource_id: 'b3', compliance_type: 'NOT_APPLICABLE', result_recorded_time: t(5) }),
    // An older result for b2 and an exact repeat of b1: both dropped.
    record({ ...a, resource_id: 'b2', compliance_type: 'COMPLIANT', result_recorded_time: t(1) }),
    record({ ...a, resource_id: 'b1', result_recorded_time: t(5) }),
    record({ ...a, region: 'eu-west-1', resource_id: 'b4', tags: {} }),
    record({ ...b, resource_id: 'w1', compliance_type: 'NON_COMPLIANT', tags: { 'mox.owner': 'team-b' } }),
    record({ ...b, rule_name: 'ec2-imdsv2-check', resource_type: 'AWS::EC2::Instance', resource_id: 'i1' }),
    // Not a compliance type: left out and reported.
    { ...record({ ...b, resource_id: 'w2' }), compliance_type: 'MAYBE' as never },
  ]);
  // A rule deployed in A/us-east-1 without any evaluation: one INSUFFICIENT_DATA.
  s01.rules.push(rule(A, 'us-east-1', 'iam-root-mfa-enabled'));
  s01.accounts
    .find((x) => x.account_id === B)!
    .regions.push(
      region('eu-west-1', {
        status: 'CONFIG_NOT_ENABLED',
        error_name: 'NoConfigurationRecorder',
        error_message: 'no recorder',
      }),
    );
  await putShard(store, s01);

  const c = { account_id: C, account_name: 'shared-network', tags: { 'mox.owner': 'team-c' } };
  const s02 = shard(
    G,
    '02',
    [
      record({ ...c, resource_id: 's1' }),
      record({ ...c, resource_id: 's2' }),
      record({
        ...c,
        region: 'eu-west-1',
        rule_name: 'ec2-imdsv2-check',
        resource_type: 'AWS::EC2::Instance',
        resource_id: 'i9',
        compliance_type: 'INSUFFICIENT_DATA',
      }),
    ],
    {
      accounts: [
        account(
          D,
          'sandbox-dan-01',
          REGIONS.map((r) =>
            region(r, {
              status: 'ASSUME_ROLE_DENIED',
              error_name: 'AccessDenied',
              error_message: 'not authorized to perform sts:AssumeRole',
            }),
          ),
        ),
      ],
    },
  );
  await putShard(store, s02);
  // The same shard written a second time under another id: every record is a duplicate.
  await putShard(store, { ...s02, shard_id: '02-retry' });

  await store.put(
    `batches/${G}/04.json`,
    '{"schema_version":1,"group_id":"2024-05-01","shard_id":"04","accounts":[',
  );
  await store.put(`batches/${G}/README.txt`, 'not a shard');
  await store.put(`batches/${G}/old/01.json`, '{}');
}
