/**
 * Loads an organization from a JSON fixture (schema documented in docs/simulator.md), for small
 * hand-written test orgs. Validated with zod so a typo in a fixture fails loudly, naming the field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MaximumExecutionFrequency, Owner, RuleEvaluationVisibility } from '../serviceModel.js';
import { ACCOUNT_RESOURCE_TYPE } from './catalog.js';
import {
  emptyRegion,
  indexRules,
  packsOf,
  type SimAccount,
  type SimEval,
  type SimOrg,
  type SimRegionData,
  type SimResource,
  type SimRole,
  type SimRule,
} from './model.js';
import { buildOuTree } from './ous.js';
import { SYNTHETIC_EPOCH_MS } from './synthetic.js';

const accountId = z.string().regex(/^\d{12}$/, 'must be 12 digits');
const time = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) ctx.addIssue({ code: 'custom', message: 'not a time (epoch ms or ISO-8601)' });
  return ms;
});
const tags = z.record(z.string(), z.string());

const evaluationSchema = z.strictObject({
  resourceType: z.string().min(1),
  resourceId: z.string().min(1).max(768),
  complianceType: z.enum(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE']),
  annotation: z.string().min(1).max(256).optional(),
  resultRecordedTime: time.optional(),
  configRuleInvokedTime: time.optional(),
});

const ruleSchema = z.strictObject({
  name: z.string().min(1).max(128),
  owner: z.enum(Owner).default(Owner.Aws),
  sourceIdentifier: z.string().optional(),
  description: z.string().max(256).default(''),
  resourceTypes: z.array(z.string()).default([]),
  visibility: z.enum(RuleEvaluationVisibility).default(RuleEvaluationVisibility.EXTERNAL),
  createdBy: z.string().optional(),
  maximumExecutionFrequency: z.enum(MaximumExecutionFrequency).optional(),
  inputParameters: z.string().optional(),
  /** Name without a generated suffix (grouping ground truth); default: the name. */
  baseName: z.string().min(1).optional(),
  /** The conformance pack that deployed the rule. */
  conformancePack: z
    .string()
    .regex(/^[a-zA-Z][-a-zA-Z0-9]*$/)
    .max(256)
    .optional(),
  evaluations: z.array(evaluationSchema).default([]),
});

const resourceSchema = z.strictObject({
  type: z.string().min(1),
  id: z.string().min(1).max(768),
  name: z.string().optional(),
  tags: tags.default({}),
});

const regionSchema = z.strictObject({
  recorder: z.enum(['running', 'stopped', 'none']).default('running'),
  resources: z.array(resourceSchema).default([]),
  rules: z.array(ruleSchema).default([]),
});

const roleSchema = z.strictObject({
  name: z.string().min(1),
  externalId: z.string().min(2).max(1224).optional(),
  trustedAccounts: z.array(accountId).optional(),
  maxSessionDurationSeconds: z.number().int().min(3600).max(43200).optional(),
});

const accountSchema = z.strictObject({
  id: accountId,
  name: z.string().min(1),
  email: z.string().optional(),
  state: z.enum(['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED']).default('ACTIVE'),
  tags: tags.default({}),
  joinedTimestamp: time.optional(),
  roles: z.array(roleSchema).optional(),
  /** OU names from the root down, joined with `/` (`Workloads/Prod`); absent or empty: under the root. */
  ou: z
    .string()
    .regex(/^([^/]+(\/[^/]+)*)?$/, 'OU names joined with "/", none empty')
    .default(''),
  regions: z.record(z.string(), regionSchema).default({}),
});

/** The fixture file format. */
export const fixtureSchema = z.strictObject({
  seed: z.number().int().default(1),
  hubAccountId: accountId,
  organizationId: z.string().default('o-fixture0001'),
  regions: z.array(z.string().min(1)).min(1),
  /** Role created in every account that lists no `roles`. */
  roleName: z.string().default('configreport-read-role'),
  accounts: z.array(accountSchema),
});

/** A parsed fixture (input shape). */
export type SimFixture = z.input<typeof fixtureSchema>;

/** Thrown when a fixture does not match the schema; the message names every bad field. */
export class FixtureError extends Error {
  override name = 'FixtureError';
}

/** Builds an org from a fixture object or a JSON file path. */
export function loadFixture(source: string | object): SimOrg {
  const raw: unknown = typeof source === 'string' ? JSON.parse(readFileSync(source, 'utf8')) : source;
  const parsed = fixtureSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new FixtureError(`invalid simulator fixture: ${issues.join('; ')}`);
  }
  const fx = parsed.data;
  const tree = buildOuTree(
    fx.seed,
    new Map(fx.accounts.map((a) => [a.id, a.ou === '' ? [] : a.ou.split('/')])),
  );
  const ous = new Map(tree.organizationalUnits.map((ou) => [ou.id, ou]));
  const accounts: SimAccount[] = fx.accounts.map((a, i) => ({
    accountId: a.id,
    name: a.name,
    email: a.email ?? `aws+${a.id}@example.com`,
    state: a.state,
    tags: a.tags,
    joinedTimestamp: a.joinedTimestamp ?? SYNTHETIC_EPOCH_MS - (fx.accounts.length - i) * 86_400_000,
    roles: a.roles?.map(toRole) ?? [{ name: fx.roleName }],
    parentId: tree.accountParents.get(a.id) ?? tree.rootId,
  }));
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const regionData = new Map<string, SimRegionData>();
  for (const a of fx.accounts) {
    for (const [region, data] of Object.entries(a.regions)) {
      regionData.set(`${a.id}|${region}`, buildRegion(a.id, region, data));
    }
  }
  return {
    seed: fx.seed,
    hubAccountId: fx.hubAccountId,
    organizationId: fx.organizationId,
    regions: fx.regions,
    accounts,
    rootId: tree.rootId,
    organizationalUnits: tree.organizationalUnits,
    ou: (id) => ous.get(id),
    roleName: fx.roleName,
    account: (id) => byId.get(id),
    // A fixture is the same on every day.
    day: 0,
    regionData: (id, region) => regionData.get(`${id}|${region}`) ?? emptyRegion('none'),
  };
}

function toRole(r: z.output<typeof roleSchema>): SimRole {
  const role: SimRole = { name: r.name };
  if (r.externalId !== undefined) role.externalId = r.externalId;
  if (r.trustedAccounts !== undefined) role.trustedAccounts = r.trustedAccounts;
  if (r.maxSessionDurationSeconds !== undefined) role.maxSessionDurationSeconds = r.maxSessionDurationSeconds;
  return role;
}

function buildRegion(account: string, region: string, data: z.output<typeof regionSchema>): SimRegionData {
  const resources = new Map<string, SimResource>();
  for (const r of data.resources) {
    resources.set(`${r.type}|${r.id}`, {
      type: r.type,
      id: r.id,
      name: r.name ?? r.id,
      tags: r.tags,
      queryable: r.type !== ACCOUNT_RESOURCE_TYPE,
    });
  }
  const rules: SimRule[] = [];
  const evaluations: SimEval[][] = [];
  data.rules.forEach((r, i) => {
    const id = `config-rule-${String(i + 1).padStart(6, '0')}`;
    const rule: SimRule = {
      name: r.name,
      arn: `arn:aws:config:${region}:${account}:config-rule/${r.createdBy ? `aws-service-rule/${r.createdBy}/` : ''}${id}`,
      id,
      description: r.description,
      owner: r.owner,
      sourceIdentifier: r.sourceIdentifier ?? r.name.toUpperCase().replaceAll('-', '_'),
      resourceTypes: r.resourceTypes,
      visibility: r.visibility,
      baseName: r.baseName ?? r.name,
    };
    if (r.createdBy) rule.createdBy = r.createdBy;
    if (r.conformancePack) rule.conformancePack = r.conformancePack;
    if (r.maximumExecutionFrequency) rule.maximumExecutionFrequency = r.maximumExecutionFrequency;
    if (r.inputParameters) rule.inputParameters = r.inputParameters;
    rules.push(rule);
    evaluations.push(
      r.evaluations.map((e) => {
        const key = `${e.resourceType}|${e.resourceId}`;
        let resource = resources.get(key);
        if (!resource) {
          // An evaluated resource the fixture did not list: recorded, untagged.
          resource = {
            type: e.resourceType,
            id: e.resourceId,
            name: e.resourceId,
            tags: {},
            queryable: true,
          };
          resources.set(key, resource);
        }
        const invoked = e.configRuleInvokedTime ?? SYNTHETIC_EPOCH_MS - 3_600_000;
        const ev: SimEval = {
          resource,
          complianceType: e.complianceType,
          resultRecordedTime: e.resultRecordedTime ?? invoked + 1_000,
          configRuleInvokedTime: invoked,
        };
        if (e.annotation) ev.annotation = e.annotation;
        return ev;
      }),
    );
  });
  return {
    recorder: data.recorder,
    recorderStartedAt: SYNTHETIC_EPOCH_MS - 30 * 86_400_000,
    rules,
    evaluations,
    ruleIndex: indexRules(rules),
    resources: [...resources.values()],
    packs: packsOf(rules, { accountId: account, region, epochMs: SYNTHETIC_EPOCH_MS }),
  };
}
