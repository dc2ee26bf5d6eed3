import { describe, expect, it } from 'vitest';
import {
  classifyName,
  compileEnvironmentRules,
  DEFAULT_ENVIRONMENT_RULES,
  resolveEnvironment,
} from '../../../src/core/environment.js';

const rules = compileEnvironmentRules(DEFAULT_ENVIRONMENT_RULES);

describe('default name rules', () => {
  it.each([
    ['prod-app-01', 'Prod'],
    ['app-prd', 'Prod'],
    ['PRODUCTION_payments', 'Prod'],
    ['prod01', 'Prod'],
    ['payments.prod', 'Prod'],
    ['nonprod-app', 'Non-Prod'],
    ['non-prod-app', 'Non-Prod'],
    ['preprod', 'Non-Prod'],
    ['pre-prod-data', 'Non-Prod'],
    ['app-nonprd', 'Non-Prod'],
    ['dev-web-03', 'Non-Prod'],
    ['sandbox-carol-01', 'Non-Prod'],
    ['staging-api-02', 'Non-Prod'],
    ['qa', 'Non-Prod'],
    ['UAT-billing', 'Non-Prod'],
    ['test-db-01', 'Non-Prod'],
    ['shared-network', 'Unclassified'],
    ['prodigy-labs', 'Unclassified'],
    ['reproduction', 'Unclassified'],
    ['developer-tools', 'Unclassified'],
    ['', 'Unclassified'],
  ])('%s → %s', (name, env) => {
    expect(classifyName(name, rules)).toBe(env);
  });
});

describe('resolveEnvironment precedence', () => {
  const keys = ['environment', 'env'];
  it('the final event label beats the plan, the shard, tags and the name', () => {
    const r = resolveEnvironment(
      { accountName: 'dev-x', eventLabel: 'Prod', planLabel: 'Non-Prod', tags: { environment: 'dev' } },
      rules,
      keys,
    );
    expect(r).toMatchObject({ environment: 'Prod', source: 'event' });
  });
  it('the plan label beats the shard and the name', () => {
    const r = resolveEnvironment(
      { accountName: 'prod-x', planLabel: 'Non-Prod', shardLabel: { environment: 'Prod', source: 'event' } },
      rules,
      keys,
    );
    expect(r).toMatchObject({ environment: 'Non-Prod', source: 'plan' });
  });
  it('an explicit label the shard carried is kept with its source', () => {
    const r = resolveEnvironment(
      { accountName: 'prod-x', shardLabel: { environment: 'Non-Prod', source: 'account-tag' } },
      rules,
      keys,
    );
    expect(r).toMatchObject({ environment: 'Non-Prod', source: 'account-tag' });
  });
  it("a shard label from name rules is re-derived with this run's rules", () => {
    const r = resolveEnvironment(
      { accountName: 'prod-x', shardLabel: { environment: 'Non-Prod', source: 'name-rule' } },
      rules,
      keys,
    );
    expect(r).toMatchObject({ environment: 'Prod', source: 'name-rule' });
  });
  it('an account tag decides before the name, keys case-insensitively and in configured order', () => {
    const r = resolveEnvironment(
      { accountName: 'prod-x', tags: { Env: 'dev', ENVIRONMENT: 'production' } },
      rules,
      keys,
    );
    expect(r).toMatchObject({
      environment: 'Prod',
      source: 'account-tag',
      detail: 'tag ENVIRONMENT=production',
    });
  });
  it('a tag value the rules do not know falls through to the name', () => {
    const r = resolveEnvironment({ accountName: 'dev-x', tags: { environment: 'shared' } }, rules, keys);
    expect(r).toMatchObject({ environment: 'Non-Prod', source: 'name-rule' });
  });
  it('nothing known → Unclassified with source none', () => {
    expect(resolveEnvironment({ accountName: 'log-archive' }, rules, keys)).toMatchObject({
      environment: 'Unclassified',
      source: 'none',
    });
  });
});

describe('custom rules', () => {
  it('are applied in order, first match wins', () => {
    const custom = compileEnvironmentRules([
      { pattern: '^corp-', environment: 'Prod' },
      { pattern: '.*', environment: 'Non-Prod' },
    ]);
    expect(classifyName('corp-dev', custom)).toBe('Prod');
    expect(classifyName('anything', custom)).toBe('Non-Prod');
  });
  it('an invalid pattern is named in the error', () => {
    expect(() => compileEnvironmentRules([{ pattern: '(', environment: 'Prod' }])).toThrow(/"\("/);
  });
});
