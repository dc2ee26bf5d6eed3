import { describe, expect, it } from 'vitest';
import { environmentClassifier } from '../../../../src/core/environment.js';
import type { PlannedAccount } from '../../../../src/core/model.js';
import { labelAccount } from '../../../../src/modes/plan/environment.js';
import { testSettings } from '../../../helpers/settings.js';

const classifier = environmentClassifier(testSettings({}, 'us-east-1').plan);
const account = (name: string, extra: Partial<PlannedAccount> = {}): PlannedAccount => ({
  account_id: '111111111111',
  account_name: name,
  ...extra,
});

describe('plan mode labels accounts with the shared classifier', () => {
  it.each([
    [{ Environment: 'prod' }, 'Prod'],
    [{ environment: 'Production' }, 'Prod'],
    [{ environment: 'Production EU' }, 'Prod'],
    [{ ENV: ' PRD ' }, 'Prod'],
    [{ env: 'live' }, 'Prod'],
    [{ Environment: 'dev' }, 'Non-Prod'],
    [{ Environment: 'Non-Prod' }, 'Non-Prod'],
    [{ env: 'staging' }, 'Non-Prod'],
    [{ Environment: 'shared' }, undefined],
    [{ Environment: '' }, undefined],
    [{ Owner: 'prod' }, undefined],
    [{}, undefined],
  ])('%j gives %s, marked as derived from a tag', (tags, expected) => {
    const labelled = labelAccount(account('shared-services', { tags }), classifier);
    expect(labelled.environment).toBe(expected);
    expect(labelled.environment_source).toBe(expected ? 'account-tag' : undefined);
  });

  it('tries keys in the configured order', () => {
    const label = (tags: Record<string, string>) =>
      labelAccount(account('x', { tags }), classifier).environment;
    expect(label({ env: 'dev', Environment: 'prod' })).toBe('Prod');
    expect(label({ env: 'dev', Environment: 'unknown' })).toBe('Non-Prod');
    expect(label({ env: 'dev', environment: 'Production EU' })).toBe('Prod');
  });

  it('labels by the name when no tag decides (tags unread included)', () => {
    expect(labelAccount(account('payments-prod'), classifier)).toEqual({
      ...account('payments-prod'),
      environment: 'Prod',
      environment_source: 'name-rule',
    });
    expect(labelAccount(account('log-archive'), classifier)).toEqual(account('log-archive'));
  });

  it('keeps an explicit label as it is, without a source', () => {
    const explicit = account('prod-x', { environment: 'Non-Prod', tags: { environment: 'prod' } });
    expect(labelAccount(explicit, classifier)).toEqual(explicit);
  });

  it('honours configured keys, values and rules', () => {
    const custom = environmentClassifier(
      testSettings(
        {
          REPORT_ENVIRONMENT_TAG_KEYS: 'Tier',
          PLAN_PROD_TAG_VALUES: 'gold',
          PLAN_NONPROD_TAG_VALUES: 'bronze',
          REPORT_ENVIRONMENT_RULES: '[{"pattern":"^corp-","environment":"Prod"}]',
        },
        'us-east-1',
      ).plan,
    );
    const label = (name: string, tags: Record<string, string>) =>
      labelAccount(account(name, { tags }), custom).environment;
    expect(label('x', { tier: 'GOLD' })).toBe('Prod');
    expect(label('x', { tier: 'bronze' })).toBe('Non-Prod');
    expect(label('x', { Environment: 'prod' })).toBeUndefined();
    expect(label('corp-payments', {})).toBe('Prod');
    expect(label('dev-x', {})).toBeUndefined();
  });
});
