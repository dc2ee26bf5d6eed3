/**
 * The ground truth honours each role's trust policy and ExternalId exactly as STS AssumeRole does:
 * for every account and every ExternalId a collector might present, AssumeRole over the wire
 * succeeds if and only if the ground truth holds that account's evaluations.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningSimulator,
  type SimEvaluation,
  type SimFixture,
  startSimulator,
} from '../../../simulator/index.js';
import { stsClient } from './clients.js';

const HUB = '111111111111';
const NEEDS_EXT = '222222222222';
const TRUSTS_OTHER = '333333333333';
const PLAIN = '444444444444';
const OTHER_ROLE = '555555555555';
const DENIED = '666666666666';
const ROLE = 'configreport-read-role';

/** One account with one evaluated rule in the fixture's region. */
function account(id: string, roles?: SimFixture['accounts'][number]['roles']) {
  return {
    id,
    name: `acct-${id.slice(0, 3)}`,
    ...(roles ? { roles } : {}),
    regions: {
      'us-east-1': {
        rules: [
          {
            name: 's3-bucket-versioning-enabled',
            evaluations: [
              {
                resourceType: 'AWS::S3::Bucket',
                resourceId: `b-${id}`,
                complianceType: 'COMPLIANT' as const,
              },
            ],
          },
        ],
      },
    },
  };
}

const fixture: SimFixture = {
  hubAccountId: HUB,
  regions: ['us-east-1'],
  accounts: [
    { id: HUB, name: 'management' },
    account(NEEDS_EXT, [{ name: ROLE, externalId: 'ext-a' }]),
    account(TRUSTS_OTHER, [{ name: ROLE, trustedAccounts: [PLAIN] }]),
    account(PLAIN),
    account(OTHER_ROLE, [{ name: 'another-role' }]),
    account(DENIED),
  ],
};
const MEMBERS = [NEEDS_EXT, TRUSTS_OTHER, PLAIN, OTHER_ROLE, DENIED];

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ fixture, s3: false });
  sim.denyRole(DENIED);
});
afterAll(() => sim.stop());

async function assumable(accountId: string, externalId: string | undefined): Promise<boolean> {
  try {
    await stsClient(sim, undefined, 1).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/${ROLE}`,
        RoleSessionName: 'truth-check',
        ...(externalId !== undefined ? { ExternalId: externalId } : {}),
      }),
    );
    return true;
  } catch (err) {
    if ((err as Error).name === 'AccessDenied') return false;
    throw err;
  }
}

const accountsIn = (truth: SimEvaluation[]) => [...new Set(truth.map((e) => e.accountId))].sort();

describe('ground truth and AssumeRole agree', () => {
  it.each([
    ['no ExternalId', undefined],
    ['the right ExternalId', 'ext-a'],
    ['a wrong ExternalId', 'ext-b'],
  ])('for every account, with %s', async (_label, externalId) => {
    for (const id of MEMBERS) {
      const inTruth = sim.groundTruth({ accountIds: [id], externalId }).length > 0;
      expect({ id, inTruth }).toEqual({ id, inTruth: await assumable(id, externalId) });
    }
  });

  it('leaves out roles that require another ExternalId, trust another account, or do not exist', () => {
    expect(accountsIn(sim.groundTruth({ externalId: undefined }))).toEqual([PLAIN]);
    expect(accountsIn(sim.groundTruth({ externalId: 'ext-a' }))).toEqual([NEEDS_EXT, PLAIN]);
    // A fixture names no default ExternalId: the default is a collector that presents none.
    expect(accountsIn(sim.groundTruth())).toEqual([PLAIN]);
    // Faults aside, the org's own trust policies still hold.
    expect(accountsIn(sim.groundTruth({ ignoreFaults: true }))).toEqual([PLAIN, DENIED]);
    expect(accountsIn(sim.groundTruth({ roleName: 'another-role' }))).toEqual([OTHER_ROLE]);
  });

  it('serves the same over the admin endpoint', async () => {
    const get = async (query: string) =>
      accountsIn(
        (await (await fetch(`${sim.endpoint}/_sim/ground-truth?${query}`)).json()) as SimEvaluation[],
      );
    expect(await get('externalId=ext-a')).toEqual([NEEDS_EXT, PLAIN]);
    expect(await get('externalId=')).toEqual([PLAIN]);
    expect(await get('roleName=another-role')).toEqual([OTHER_ROLE]);
  });

  it("defaults to the synthetic org's ExternalId, which every role requires", async () => {
    const synthetic = await startSimulator({ accounts: 4, seed: 3, s3: false, externalId: 'org-ext-1' });
    try {
      const active = synthetic
        .accounts()
        .filter((a) => a.state === 'ACTIVE' && a.accountId !== synthetic.hubAccountId);
      expect(accountsIn(synthetic.groundTruth())).toEqual(active.map((a) => a.accountId).sort());
      expect(synthetic.groundTruth({ externalId: undefined })).toEqual([]);
      expect(synthetic.groundTruth({ externalId: 'other' })).toEqual([]);
    } finally {
      await synthetic.stop();
    }
  });
});
