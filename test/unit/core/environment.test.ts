import { describe, expect, it } from 'vitest';
import {
  classifyEnvironment,
  classifyName,
  compileEnvironmentRules,
  DEFAULT_ENVIRONMENT_RULES,
  describeRule,
  type EnvironmentEvidence,
  environmentClassifier,
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

const classifier = environmentClassifier({
  environmentTagKeys: ['environment', 'env', 'mox.environment'],
  prodTagValues: ['prod', 'live'],
  nonProdTagValues: ['dev', 'staging'],
  environmentRules: DEFAULT_ENVIRONMENT_RULES,
});
const classify = (evidence: EnvironmentEvidence) => classifyEnvironment(evidence, classifier);

describe('classifyEnvironment: the documented order', () => {
  it('1. the final event label beats the plan, the shard, tags, the name and resources', () => {
    const r = classify({
      accountName: 'dev-x',
      eventLabel: 'Prod',
      planLabel: 'Non-Prod',
      tags: { environment: 'dev' },
      resourceTags: [{ key: 'mox.environment', value: 'dev' }],
    });
    expect(r).toEqual({ environment: 'Prod', source: 'event', detail: 'label in the event' });
  });
  it('1. the plan label beats the shard and the name', () => {
    const r = classify({
      accountName: 'prod-x',
      planLabel: 'Non-Prod',
      shardLabel: { environment: 'Prod', source: 'event' },
    });
    expect(r).toEqual({ environment: 'Non-Prod', source: 'plan', detail: 'label in the plan manifest' });
  });
  it('1. an explicit label a shard carried is kept with its source', () => {
    const r = classify({ accountName: 'prod-x', shardLabel: { environment: 'Non-Prod', source: 'plan' } });
    expect(r).toMatchObject({ environment: 'Non-Prod', source: 'plan' });
  });
  it.each(['account-tag', 'name-rule', 'resource-tag'] as const)(
    'a label a shard derived (%s) is derived again with these rules',
    (source) => {
      const r = classify({ accountName: 'prod-x', shardLabel: { environment: 'Non-Prod', source } });
      expect(r).toEqual({ environment: 'Prod', source: 'name-rule', detail: 'name contains "prod"' });
    },
  );
  it('2. an account tag beats the name', () => {
    const r = classify({ accountName: 'prod-x', tags: { environment: 'staging' } });
    expect(r).toEqual({
      environment: 'Non-Prod',
      source: 'account-tag',
      detail: 'tag environment = "staging"',
    });
  });
  it('2. a tag value is a known word first, then the name rules', () => {
    expect(classify({ accountName: 'x', tags: { env: 'LIVE' } })).toMatchObject({ environment: 'Prod' });
    expect(classify({ accountName: 'x', tags: { env: 'Production EU' } })).toEqual({
      environment: 'Prod',
      source: 'account-tag',
      detail: 'tag env = "Production EU"',
    });
    expect(classify({ accountName: 'x', tags: { env: 'pre-prod eu' } })).toMatchObject({
      environment: 'Non-Prod',
    });
  });
  it('2. keys are case-insensitive and tried in the configured order, whatever the object order', () => {
    const r = classify({ accountName: 'dev-x', tags: { ENV: 'dev', Environment: 'Production' } });
    expect(r).toEqual({
      environment: 'Prod',
      source: 'account-tag',
      detail: 'tag Environment = "Production"',
    });
  });
  it('2. a key whose value says nothing falls through to the next key', () => {
    const r = classify({ accountName: 'x', tags: { environment: 'shared', env: 'dev' } });
    expect(r).toMatchObject({ environment: 'Non-Prod', detail: 'tag env = "dev"' });
  });
  it('2. empty and blank values say nothing; the shown value is trimmed', () => {
    expect(classify({ accountName: 'x', tags: { environment: '', env: '   ' } })).toMatchObject({
      source: 'none',
    });
    expect(classify({ accountName: 'x', tags: { environment: ' ', env: '  prod ' } })).toMatchObject({
      detail: 'tag env = "prod"',
    });
  });
  it('2. the same key in two cases: both are tried, in code-unit order', () => {
    const r = classify({ accountName: 'x', tags: { environment: 'dev', Environment: 'prod' } });
    expect(r).toMatchObject({ environment: 'Prod', detail: 'tag Environment = "prod"' });
  });
  it('2. other tags never decide', () => {
    expect(classify({ accountName: 'x', tags: { Owner: 'prod' } })).toMatchObject({ source: 'none' });
  });
  it('3. the name rules when no tag decides, with the matched word', () => {
    expect(classify({ accountName: 'payments_PRD-01', tags: { environment: 'shared' } })).toEqual({
      environment: 'Prod',
      source: 'name-rule',
      detail: 'name contains "PRD"',
    });
    expect(classify({ accountName: 'app.pre-prod.eu' })).toMatchObject({
      environment: 'Non-Prod',
      detail: 'name contains "pre-prod"',
    });
  });
  it("4. the resources' environment tags as a last resort, Prod when any says so", () => {
    const resourceTags = [
      { key: 'mox.environment', value: 'dev' },
      { key: 'mox.environment', value: 'prod' },
      { key: 'mox.environment', value: 'whatever' },
    ];
    expect(classify({ accountName: 'archive', resourceTags })).toEqual({
      environment: 'Prod',
      source: 'resource-tag',
      detail: 'resource tag mox.environment = "prod"; other resources say Non-Prod',
    });
    expect(classify({ accountName: 'archive', resourceTags: [resourceTags[0]!] })).toEqual({
      environment: 'Non-Prod',
      source: 'resource-tag',
      detail: 'resource tag mox.environment = "dev"',
    });
  });
  it('4. resource tags never beat the name', () => {
    const r = classify({ accountName: 'dev-x', resourceTags: [{ key: 'mox.environment', value: 'prod' }] });
    expect(r).toMatchObject({ environment: 'Non-Prod', source: 'name-rule' });
  });
  it('5. nothing known → Unclassified with source none', () => {
    expect(
      classify({ accountName: 'log-archive', resourceTags: [{ key: 'mox.environment', value: 'x' }] }),
    ).toEqual({ environment: 'Unclassified', source: 'none', detail: 'no label, tag or name rule' });
  });
});

describe('rules in words', () => {
  it('the default rules read as words, never as a regular expression', () => {
    expect(DEFAULT_ENVIRONMENT_RULES.map(describeRule)).toEqual([
      'a word non-prod or pre-prod (also nonprod, pre_prd, non-production …)',
      'a word prod, prd or production',
      expect.stringMatching(/^a word dev, devel, develop, .* int or integration$/),
    ]);
  });
  it('a custom rule: its description, else the pattern', () => {
    expect(describeRule({ pattern: '^corp-', environment: 'Prod', description: 'starts with corp-' })).toBe(
      'starts with corp-',
    );
    expect(describeRule({ pattern: '^corp-', environment: 'Prod' })).toBe('matches the pattern ^corp-');
    expect(describeRule({ pattern: '(^|[^a-z])(gold|silver)([^a-z]|$)', environment: 'Prod' })).toBe(
      'a word gold or silver',
    );
  });
  it('a match without letters or digits names the rule instead', () => {
    const custom = environmentClassifier({
      environmentTagKeys: [],
      prodTagValues: [],
      nonProdTagValues: [],
      environmentRules: [{ pattern: '^$', environment: 'Non-Prod', description: 'an empty name' }],
    });
    expect(classifyEnvironment({ accountName: '' }, custom).detail).toBe('name matches an empty name');
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
