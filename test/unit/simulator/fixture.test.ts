/** Fixture loading: a small hand-written org, and errors that name the bad field. */
import { describe, expect, it } from 'vitest';
import { FixtureError, loadFixture, ouPathOf } from '../../../simulator/index.js';

const fixture = {
  hubAccountId: '111111111111',
  regions: ['us-east-1'],
  accounts: [
    { id: '111111111111', name: 'management' },
    {
      id: '222222222222',
      name: 'prod-app-01',
      tags: { environment: 'prod' },
      ou: 'Workloads/Prod',
      roles: [{ name: 'configreport-read-role', externalId: 'xyz-123' }],
      regions: {
        'us-east-1': {
          resources: [{ type: 'AWS::S3::Bucket', id: 'logs', tags: { 'mox.owner': 'alice' } }],
          rules: [
            {
              name: 's3-bucket-versioning-enabled',
              resourceTypes: ['AWS::S3::Bucket'],
              evaluations: [
                {
                  resourceType: 'AWS::S3::Bucket',
                  resourceId: 'logs',
                  complianceType: 'NON_COMPLIANT',
                  annotation: 'off',
                },
                {
                  resourceType: 'AWS::S3::Bucket',
                  resourceId: 'other',
                  complianceType: 'COMPLIANT',
                  resultRecordedTime: '2026-01-01T00:00:00Z',
                },
              ],
            },
            { name: 'internal-rule', visibility: 'INTERNAL' },
          ],
        },
      },
    },
    { id: '333333333333', name: 'dev-old', state: 'SUSPENDED', ou: 'Workloads/Prod' },
  ],
};

describe('loadFixture', () => {
  it('builds the org the fixture describes', () => {
    const org = loadFixture(fixture);
    expect(org.hubAccountId).toBe('111111111111');
    expect(org.accounts.map((a) => a.state)).toEqual(['ACTIVE', 'ACTIVE', 'SUSPENDED']);
    expect(org.account('222222222222')?.roles).toEqual([
      { name: 'configreport-read-role', externalId: 'xyz-123' },
    ]);
    expect(org.account('111111111111')?.roles).toEqual([{ name: 'configreport-read-role' }]);
    const data = org.regionData('222222222222', 'us-east-1');
    expect(data.recorder).toBe('running');
    expect(data.rules.map((r) => r.name)).toEqual(['s3-bucket-versioning-enabled', 'internal-rule']);
    const [logs, other] = data.evaluations[0]!;
    expect(logs?.resource.tags).toEqual({ 'mox.owner': 'alice' });
    expect(other?.resource.tags).toEqual({});
    expect(other?.resultRecordedTime).toBe(Date.UTC(2026, 0, 1));
    expect(data.rules[1]?.visibility).toBe('INTERNAL');
    // OU placements: one OU per path, accounts without `ou` under the root.
    expect(org.accounts.map((a) => ouPathOf(org, a.parentId))).toEqual([
      'Root',
      'Root/Workloads/Prod',
      'Root/Workloads/Prod',
    ]);
    expect(org.organizationalUnits.map((o) => o.name)).toEqual(['Workloads', 'Prod']);
    // Regions a fixture does not list have no Config recorder.
    expect(org.regionData('111111111111', 'us-east-1').recorder).toBe('none');
  });

  it('names every bad field', () => {
    const bad = {
      ...fixture,
      accounts: [
        {
          id: '12',
          name: 'x',
          regions: {
            'us-east-1': {
              rules: [
                {
                  name: 'r',
                  evaluations: [{ resourceType: 'T', resourceId: 'i', complianceType: 'INSUFFICIENT_DATA' }],
                },
              ],
            },
          },
        },
      ],
    };
    expect(() => loadFixture(bad)).toThrow(FixtureError);
    try {
      loadFixture(bad);
    } catch (err) {
      expect((err as Error).message).toContain('accounts.0.id');
      expect((err as Error).message).toContain(
        'accounts.0.regions.us-east-1.rules.0.evaluations.0.complianceType',
      );
    }
    expect(() => loadFixture({ ...fixture, surprise: true })).toThrow(/surprise|Unrecognized/);
  });
});
