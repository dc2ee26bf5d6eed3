import { describe, expect, it } from 'vitest';
import {
  environmentTagEntries,
  MAX_VALUES_PER_ACCOUNT,
  ResourceEnvironmentTags,
} from '../../../../src/modes/final/environmentTags.js';

const keys = new Set(['environment', 'mox.environment']);

describe('resource environment tags', () => {
  it('picks the environment keys in any case, trimmed, and skips blank values', () => {
    expect(
      environmentTagEntries({ 'MOX.Environment': ' prod ', 'mox.owner': 'team', environment: '  ' }, keys),
    ).toEqual(['MOX.Environment\u0000prod']);
    expect(environmentTagEntries({ 'mox.owner': 'team' }, keys)).toBeUndefined();
  });

  it('keeps distinct values per account, at most the cap, and survives a round trip as entries', () => {
    const tags = new ResourceEnvironmentTags();
    tags.add('111111111111', ['mox.environment\u0000prod', 'mox.environment\u0000prod']);
    for (let i = 0; i < MAX_VALUES_PER_ACCOUNT + 5; i++) tags.add('222222222222', [`k\u0000v${i}`]);
    expect(tags.of('111111111111')).toEqual([{ key: 'mox.environment', value: 'prod' }]);
    expect(tags.of('222222222222')).toHaveLength(MAX_VALUES_PER_ACCOUNT);
    expect(tags.of('333333333333')).toBeUndefined();
    const copy = new ResourceEnvironmentTags();
    copy.addEntries(tags.entries());
    expect(copy.of('222222222222')).toEqual(tags.of('222222222222'));
  });

  it('takeFrom moves a committed shard in and empties the pending one', () => {
    const run = new ResourceEnvironmentTags();
    const pending = new ResourceEnvironmentTags();
    pending.add('111111111111', ['env\u0000dev']);
    run.takeFrom(pending);
    expect(run.of('111111111111')).toEqual([{ key: 'env', value: 'dev' }]);
    expect(pending.entries()).toEqual([]);
  });
});
