import { describe, expect, it } from 'vitest';
import { environmentFromTags } from '../../../../src/modes/plan/environment.js';
import { testSettings } from '../../../helpers/settings.js';

const rules = testSettings({}, 'us-east-1').plan;

describe('environment label from account tags', () => {
  it.each([
    [{ Environment: 'prod' }, 'Prod'],
    [{ environment: 'Production' }, 'Prod'],
    [{ ENV: ' PRD ' }, 'Prod'],
    [{ Environment: 'dev' }, 'Non-Prod'],
    [{ Environment: 'Non-Prod' }, 'Non-Prod'],
    [{ env: 'staging' }, 'Non-Prod'],
    [{ Environment: 'shared' }, undefined],
    [{ Environment: '' }, undefined],
    [{ Owner: 'prod' }, undefined],
    [{}, undefined],
  ])('%j gives %s', (tags, expected) => {
    expect(environmentFromTags(tags, rules)).toBe(expected);
  });

  it('tries keys in the configured order', () => {
    expect(environmentFromTags({ env: 'dev', Environment: 'prod' }, rules)).toBe('Prod');
    expect(environmentFromTags({ env: 'dev', Environment: 'unknown' }, rules)).toBe('Non-Prod');
  });

  it('honours configured keys and values', () => {
    const custom = testSettings(
      {
        REPORT_ENVIRONMENT_TAG_KEYS: 'Tier',
        PLAN_PROD_TAG_VALUES: 'gold',
        PLAN_NONPROD_TAG_VALUES: 'bronze',
      },
      'us-east-1',
    ).plan;
    expect(environmentFromTags({ tier: 'GOLD' }, custom)).toBe('Prod');
    expect(environmentFromTags({ tier: 'bronze' }, custom)).toBe('Non-Prod');
    expect(environmentFromTags({ Environment: 'prod' }, custom)).toBeUndefined();
  });
});
