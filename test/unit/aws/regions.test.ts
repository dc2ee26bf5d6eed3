import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/app/settings/load.js';
import { closestRegion, isKnownRegion, unknownRegionProblem } from '../../../src/aws/regions.js';

describe('known regions (the SDK partition table)', () => {
  it.each(['us-east-1', 'ap-east-1', 'me-central-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1'])(
    'accepts %s (opt-in, GovCloud and China regions included)',
    (region) => {
      expect(isKnownRegion(region)).toBe(true);
      expect(unknownRegionProblem(region)).toBeUndefined();
    },
  );

  it('refuses a region-shaped typo that every partition regex would accept, and suggests the closest', () => {
    expect(isKnownRegion('eu-wst-9')).toBe(false);
    expect(unknownRegionProblem('eu-wst-9')).toBe(
      '"eu-wst-9" is not an AWS region the SDK knows (did you mean eu-west-1?)',
    );
    expect(closestRegion('us-esat-1')).toBe('us-east-1');
    expect(closestRegion('zz-nowhere-9')).toBeUndefined();
  });
});

describe('region settings', () => {
  const load = (env: Record<string, string>, flags: Record<string, unknown> = {}) =>
    loadSettings({ env, flags, surface: 'cli' });

  it('names the bad value and where it came from for --region and --regions', () => {
    expect(() => load({}, { region: 'eu-wst-9' })).toThrow(
      /--region: "eu-wst-9" is not an AWS region the SDK knows \(did you mean eu-west-1\?\)/,
    );
    expect(() => load({ CONFIGREPORT_REGIONS: 'us-east-1,eu-wst-9' })).toThrow(
      /CONFIGREPORT_REGIONS \(environment\): "eu-wst-9" is not an AWS region/,
    );
    expect(() => load({ AWS_REGION: 'us-east1' })).toThrow(
      /AWS_REGION \(environment\): "us-east1" is not a region name like us-east-1/,
    );
  });

  it('accepts opt-in, GovCloud and China regions', () => {
    const loaded = load({
      AWS_REGION: 'me-central-1',
      CONFIGREPORT_REGIONS: 'ap-east-1,us-gov-west-1,cn-north-1',
    });
    expect(loaded.settings.aws.region).toBe('me-central-1');
    expect(loaded.settings.batch.regions).toEqual(['ap-east-1', 'us-gov-west-1', 'cn-north-1']);
  });
});
