/**
 * One environment classifier for plan and final: the same account gets the same label (and says
 * where it came from, in words) whether final mode reads it from the plan manifest or from the
 * final event. Expected labels follow the documented order (docs/report.md#environments), written
 * out by hand here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventAccount } from '../../../src/core/event.js';
import { type PlanEvent, parseEvent } from '../../../src/core/event.js';
import { batchKey } from '../../../src/core/keys.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { PlanManifest } from '../../../src/core/model.js';
import { encodeShardToString } from '../../../src/core/shardCodec.js';
import { runPlan } from '../../../src/modes/plan.js';
import type { LocalStore } from '../../../src/store/LocalStore.js';
import { testSettings } from '../../helpers/settings.js';
import { record, shard } from '../../unit/modes/final/factories.js';
import { openWorkbook, putShard, rowsOf, run, tableOf, tempStore } from './helpers.js';

const G = '2024-05-01';

/** The accounts, with the label, source and detail the documented order gives each. */
const cases: { account: EventAccount; environment: string; source: string; detail: string }[] = [
  {
    // `environment` is tried before `env`, and "Production EU" is a production word.
    account: {
      account_id: '111111111111',
      account_name: 'shared-services',
      tags: { environment: 'Production EU', env: 'dev' },
    },
    environment: 'Prod',
    source: 'account-tag',
    detail: 'tag environment = "Production EU"',
  },
  {
    account: { account_id: '222222222222', account_name: 'payments', tags: { Environment: 'LIVE' } },
    environment: 'Prod',
    source: 'account-tag',
    detail: 'tag Environment = "LIVE"',
  },
  {
    // A tag value that says nothing leaves the decision to the name.
    account: { account_id: '333333333333', account_name: 'web-dev', tags: { environment: 'shared' } },
    environment: 'Non-Prod',
    source: 'name-rule',
    detail: 'name contains "dev"',
  },
  {
    account: { account_id: '444444444444', account_name: 'core-prod', tags: {} },
    environment: 'Prod',
    source: 'name-rule',
    detail: 'name contains "prod"',
  },
  {
    // A blank value is no value: the next key decides.
    account: {
      account_id: '555555555555',
      account_name: 'data-lake',
      tags: { ENV: '  ', 'mox.environment': 'Staging' },
    },
    environment: 'Non-Prod',
    source: 'account-tag',
    detail: 'tag mox.environment = "Staging"',
  },
  {
    account: { account_id: '888888888888', account_name: 'tools', tags: {} },
    environment: 'Unclassified',
    source: 'none',
    detail: 'no label, tag or name rule',
  },
];
/** Labelled explicitly in the event: wins over its name. */
const explicit: EventAccount = {
  account_id: '666666666666',
  account_name: 'prod-like-sandbox',
  environment: 'Non-Prod',
  tags: {},
};
/** Nothing but its resources' `mox.environment` tags says what it is. */
const byResources: EventAccount = { account_id: '777777777777', account_name: 'archive', tags: {} };
const everyone = [...cases.map((c) => c.account), explicit, byResources];

function writtenShard() {
  return shard(
    G,
    '01',
    everyone.map((a, i) =>
      record({
        account_id: a.account_id,
        account_name: a.account_name,
        resource_id: `r${i}`,
        tags: a === byResources ? { 'mox.environment': 'prod' } : { 'mox.owner': 'team-a' },
      }),
    ),
  );
}

/**
 * A shard cut short after its records: rejected as corrupt, so the `prod` resource tag it carries
 * for "tools" must leave no trace.
 */
async function putCorruptShard(store: LocalStore): Promise<void> {
  const tools = cases.find((c) => c.account.account_name === 'tools')!.account;
  const text = encodeShardToString(
    shard(G, '02', [
      record({ ...tools, resource_id: 'x1', tags: { 'mox.environment': 'prod' } }),
      record({ ...tools, resource_id: 'x2', tags: { 'mox.environment': 'prod' } }),
    ]),
  );
  await store.put(batchKey('', G, '02'), text.slice(0, text.lastIndexOf(']}')));
}

type Row = Record<string, unknown>;
const byId = (rows: Row[]) => new Map(rows.map((r) => [String(r['Account ID']), r]));
let withPlan: Map<string, Row>;
let withoutPlan: Map<string, Row>;
let threaded: Map<string, Row>;
let about: Map<string, string>;
let manifest: PlanManifest;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const planned = await tempStore();
  cleanups.push(planned.cleanup);
  const result = await runPlan(parseEvent({ mode: 'plan', group_id: G, accounts: everyone }) as PlanEvent, {
    store: planned.store,
    prefix: '',
    settings: testSettings().plan,
    logger: silentLogger,
    clock: () => new Date('2024-05-01T06:00:00Z'),
  });
  manifest = JSON.parse(await planned.store.getText(result.planKey)) as PlanManifest;
  await putShard(planned.store, writtenShard());
  const a = await run(planned.store, planned.dir, { group_id: G });
  withPlan = byId(tableOf((await openWorkbook(planned.store, a.keys.xlsx)).getWorksheet('Accounts')!));

  const bare = await tempStore();
  cleanups.push(bare.cleanup);
  await putShard(bare.store, writtenShard());
  await putCorruptShard(bare.store);
  const b = await run(bare.store, bare.dir, { group_id: G, accounts: everyone });
  const workbook = await openWorkbook(bare.store, b.keys.xlsx);
  withoutPlan = byId(tableOf(workbook.getWorksheet('Accounts')!));
  about = new Map(rowsOf(workbook.getWorksheet('About')!).map((r) => [String(r[0]), String(r[1])]));
  const c = await run(bare.store, bare.dir, { group_id: G, accounts: everyone }, { workers: 1 });
  threaded = byId(tableOf((await openWorkbook(bare.store, c.keys.xlsx)).getWorksheet('Accounts')!));
}, 60_000);
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('plan and final classify an account the same way', () => {
  it('plan mode labels each account by the documented order', () => {
    const planned = new Map(manifest.shards.flatMap((s) => s.accounts).map((a) => [a.account_id, a]));
    for (const c of cases) {
      const a = planned.get(c.account.account_id)!;
      expect([a.account_id, a.environment ?? 'Unclassified']).toEqual([c.account.account_id, c.environment]);
    }
    expect(planned.get(explicit.account_id)?.environment).toBe('Non-Prod');
    // Plan mode never sees resources: the account their tags classify is unlabelled there.
    expect(planned.get(byResources.account_id)?.environment).toBeUndefined();
  });

  it.each([
    ['from the plan manifest', () => withPlan],
    ['from the final event alone', () => withoutPlan],
  ])('final mode gives the same label, source and detail %s', (_how, rows) => {
    for (const c of cases) {
      const row = rows().get(c.account.account_id)!;
      expect([
        row['Account ID'],
        row.Environment,
        row['Environment source'],
        row['Environment detail'],
      ]).toEqual([c.account.account_id, c.environment, c.source, c.detail]);
    }
  });

  it('keeps an explicit label, saying whose', () => {
    expect(withPlan.get(explicit.account_id)).toMatchObject({
      Environment: 'Non-Prod',
      'Environment source': 'plan',
    });
    expect(withoutPlan.get(explicit.account_id)).toMatchObject({
      Environment: 'Non-Prod',
      'Environment source': 'event',
    });
  });

  it("the worker threads read the resources' tags the same way", () => {
    expect(threaded).toEqual(withoutPlan);
  });

  it("falls back to the resources' mox.environment tags as a last resort", () => {
    for (const rows of [withPlan, withoutPlan, threaded]) {
      expect(rows.get(byResources.account_id)).toMatchObject({
        Environment: 'Prod',
        'Environment source': 'resource-tag',
        'Environment detail': 'resource tag mox.environment = "prod"',
      });
    }
  });
});

describe('the About sheet', () => {
  it('states the order and the name rules in words, without a regular expression', () => {
    expect(about.get('Setting: Environment order (first that decides)')).toBe(
      'label in the event or plan, account tag, account name, resource tag',
    );
    const rules = about.get(
      'Setting: Environment name rules (first match wins; a word = letters between non-letters)',
    );
    expect(rules).toMatch(
      /^1\. Non-Prod if a word non-prod or pre-prod .*; 2\. Prod if a word prod, prd or production; 3\. Non-Prod if a word dev, /,
    );
    expect(rules).not.toMatch(/[\^$|[\]]/);
  });
});
