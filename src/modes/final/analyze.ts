/**
 * Between the passes: turns what pass 1 collected into the report model — statistics, environment
 * labels, coverage, the rankings — and fixes the output order of the evaluations. Computing all of
 * this before the first sheet is what lets the workbook be streamed sheet by sheet.
 */

import type { FinalSettings } from '../../config/finalSettings.js';
import { compareText } from '../../core/compare.js';
import { buildCoverage, COVERAGE_STATUS_ORDER } from '../../core/coverage.js';
import { complianceCode, complianceFromCode } from '../../core/dedupe.js';
import {
  compileEnvironmentRules,
  type ResolvedEnvironment,
  resolveEnvironment,
} from '../../core/environment.js';
import type { FinalEvent } from '../../core/event.js';
import type { Environment, PlanManifest } from '../../core/model.js';
import {
  complianceRatio,
  emptyCounts,
  StatsBuilder,
  statsByEnvironment,
  worstFirst,
} from '../../core/stats.js';
import type { AccountRow, OwnerRow, ReportModel, RuleRow } from '../../report/model.js';
import type { Collected } from './collect.js';

/** The model plus what pass 2 needs to emit rows. */
export interface Analysis {
  model: ReportModel;
  /** Winner slots in output order (account name, account id, region, rule, resource type, id). */
  order: Uint32Array;
  /** The NON_COMPLIANT subset of `order`, same order. */
  nonCompliantOrder: Uint32Array;
}

/** Context of the run. */
export interface AnalyzeInput {
  collected: Collected;
  event: FinalEvent;
  plan: PlanManifest | undefined;
  settings: FinalSettings;
  reportDate: string;
  generatedAt: Date;
  storeLocation: string;
  warnings: string[];
}

interface AccountFacts {
  name: string;
  event?: { environment?: 'Prod' | 'Non-Prod' | undefined; tags?: Record<string, string> | undefined };
  plan?: { environment?: 'Prod' | 'Non-Prod' | undefined; tags?: Record<string, string> | undefined };
}

/** Builds the report model. Pure apart from reading the collected structures. */
export function analyze(input: AnalyzeInput): Analysis {
  const { collected, settings, event, plan } = input;
  const { dims, table, merger } = collected;
  const stats = new StatsBuilder();
  for (let slot = 0; slot < table.size; slot++) {
    stats.addEvaluation(
      table.account[slot]!,
      table.region[slot]!,
      table.rule[slot]!,
      table.owner[slot]!,
      complianceFromCode(table.compliance[slot]!),
    );
  }
  for (const rule of merger.rules()) {
    const status = merger.account(rule.account_id)?.regions.get(rule.region)?.result.status;
    // Only a region read to the end can say a rule has no results; elsewhere they may just be unread.
    const readable = status === 'OK' || status === 'PARTIAL';
    const failed = !readable || merger.isFailedRule(rule.account_id, rule.region, rule.rule_name);
    stats.addDeployedRule(
      dims.accounts.id(rule.account_id),
      dims.regions.id(rule.region),
      dims.rules.id(rule.rule_name),
      failed,
    );
  }
  const s = stats.result();

  // Every account the report knows of: from shards, from records, from the plan and the event.
  const facts = new Map<string, AccountFacts>();
  for (const shard of plan?.shards ?? [])
    for (const a of shard.accounts) facts.set(a.account_id, { name: a.account_name, plan: a });
  for (const a of event.accounts ?? []) {
    const known = facts.get(a.account_id);
    facts.set(a.account_id, { name: known?.name ?? a.account_name, ...known, event: a });
  }
  const accountIds = new Set<string>([...facts.keys(), ...merger.accounts().map((a) => a.accountId)]);
  for (const id of dims.accounts.values()) accountIds.add(id);

  const compiled = compileEnvironmentRules(settings.environmentRules);
  const expectedRegions = event.regions ?? plan?.regions ?? [];
  const envById = new Map<number, Environment>();
  const accounts: AccountRow[] = [];
  for (const id of accountIds) {
    const merged = merger.account(id);
    const fact = facts.get(id);
    const name = merged?.accountName ?? fact?.name ?? collected.recordAccountNames.get(id) ?? '';
    const resolved: ResolvedEnvironment = resolveEnvironment(
      {
        accountName: name,
        eventLabel: fact?.event?.environment,
        planLabel: fact?.plan?.environment,
        shardLabel: merged?.shardLabel,
        tags: { ...fact?.event?.tags, ...fact?.plan?.tags, ...merged?.tags },
      },
      compiled,
      settings.environmentTagKeys,
    );
    const interned = dims.accounts.id(id);
    envById.set(interned, resolved.environment);
    const statuses = [...(merged?.regions.values() ?? [])].map((r) => r.result.status as string);
    const missing = merged
      ? expectedRegions.filter((region) => !merged.regions.has(region)).length
      : Math.max(1, expectedRegions.length);
    if (missing > 0) statuses.push('MISSING');
    const counts = s.byAccount.get(interned) ?? emptyCounts();
    accounts.push({
      accountId: id,
      accountName: name,
      environment: resolved.environment,
      environmentSource: resolved.source,
      environmentDetail: resolved.detail,
      regionsOk: statuses.filter((x) => x === 'OK').length,
      regionsTotal: (merged?.regions.size ?? 0) + missing,
      coverage: statuses.length === 0 && s.byAccount.has(interned) ? 'UNKNOWN' : worstStatus(statuses),
      shards: merged?.shards.join(', ') ?? '',
      counts,
      ratio: complianceRatio(counts),
    });
  }
  accounts.sort((a, b) => compareText(a.accountName, b.accountName) || compareText(a.accountId, b.accountId));

  const ruleMeta = new Map<string, { owner: string; identifier: string; description: string }>();
  for (const r of merger.rules()) {
    if (!ruleMeta.has(r.rule_name))
      ruleMeta.set(r.rule_name, {
        owner: r.source_owner,
        identifier: r.source_identifier,
        description: r.description,
      });
  }
  const rules: RuleRow[] = [...s.byRule].map(([id, counts]) => {
    const ruleName = dims.rules.value(id);
    const meta = ruleMeta.get(ruleName);
    return {
      ruleName,
      sourceOwner: meta?.owner ?? '',
      sourceIdentifier: meta?.identifier ?? '',
      description: meta?.description ?? '',
      accountRegions: s.ruleAccountRegions.get(id) ?? 0,
      counts,
      ratio: complianceRatio(counts),
    };
  });
  rules.sort((a, b) => compareText(a.ruleName, b.ruleName));

  const owners: OwnerRow[] = [...s.byOwner].map(([id, counts]) => ({
    owner: dims.owners.value(id),
    accounts: s.ownerAccounts.get(id)?.size ?? 0,
    counts,
    ratio: complianceRatio(counts),
  }));
  owners.sort((a, b) =>
    a.owner === dims.owners.value(0)
      ? -1
      : b.owner === dims.owners.value(0)
        ? 1
        : compareText(a.owner, b.owner),
  );
  const untaggedCounts = s.byOwner.get(0) ?? emptyCounts();
  const untaggedTotal =
    untaggedCounts.compliant +
    untaggedCounts.nonCompliant +
    untaggedCounts.notApplicable +
    untaggedCounts.insufficientData;

  const coverage = buildCoverage({
    plan,
    eventAccounts: event.accounts,
    expectedRegions,
    accounts: merger.accounts(),
    acceptedShards: collected.accepted.map((a) => a.shardId),
    rejected: collected.rejected,
    recordNotes: collected.notes,
  });

  const { order, nonCompliantOrder } = outputOrder(collected, accounts);
  const model: ReportModel = {
    groupId: event.group_id,
    reportDate: input.reportDate,
    generatedAt: input.generatedAt,
    storeLocation: input.storeLocation,
    thresholds: { ...settings.thresholds },
    ownerTagKey: settings.ownerTagKey,
    overall: { counts: s.overall, ratio: complianceRatio(s.overall) },
    environments: statsByEnvironment(s.byAccount, envById).map((e) => ({
      ...e,
      ratio: complianceRatio(e.counts),
    })),
    regions: [...s.byRegion]
      .map(([id, counts]) => ({ region: dims.regions.value(id), counts, ratio: complianceRatio(counts) }))
      .sort((a, b) => compareText(a.region, b.region)),
    accounts,
    rules,
    owners,
    worstAccounts: worstFirst(
      accounts,
      (a) => a.counts,
      (a) => `${a.accountName}\u0000${a.accountId}`,
      settings.topN,
    ),
    worstRules: worstFirst(
      rules,
      (r) => r.counts,
      (r) => r.ruleName,
      settings.topN,
    ),
    untagged: {
      evaluations: untaggedTotal,
      nonCompliant: untaggedCounts.nonCompliant,
      share: table.size === 0 ? null : untaggedTotal / table.size,
    },
    unclassifiedAccounts: accounts.filter((a) => a.environment === 'Unclassified'),
    coverage,
    shards: {
      listed: collected.listed,
      expected: coverage.expectedShards,
      accepted: collected.accepted.length,
      rejected: collected.rejected.length,
      missing: coverage.missingShards.length,
      acceptedIds: collected.accepted.map((a) => a.shardId),
    },
    records: {
      read: collected.recordsRead,
      invalid: collected.invalidRecords,
      duplicatesDropped: table.duplicatesDropped,
      unique: table.size,
      nonCompliant: nonCompliantOrder.length,
      rulesWithoutResults: s.rulesWithoutResults,
    },
    settings: settingsLines(settings),
    warnings: [...input.warnings, ...collected.warnings],
  };
  return { model, order, nonCompliantOrder };
}

const STATUS_INDEX = new Map<string, number>(COVERAGE_STATUS_ORDER.map((status, i) => [status, i]));

function worstStatus(statuses: readonly string[]): string {
  let worst = 'OK';
  for (const status of statuses) {
    if ((STATUS_INDEX.get(status) ?? 0) < (STATUS_INDEX.get(worst) ?? 0)) worst = status;
  }
  return statuses.length === 0 ? 'MISSING' : worst;
}

function outputOrder(collected: Collected, sortedAccounts: readonly AccountRow[]) {
  const { table, dims } = collected;
  const rank = new Uint32Array(dims.accounts.size);
  sortedAccounts.forEach((a, i) => {
    const id = dims.accounts.peek(a.accountId);
    if (id !== undefined) rank[id] = i;
  });
  const keys = table.keys;
  const order = new Uint32Array(table.size);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => {
    const byAccount = rank[table.account[a]!]! - rank[table.account[b]!]!;
    if (byAccount !== 0) return byAccount;
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const nonCompliant = complianceCode('NON_COMPLIANT');
  const nonCompliantOrder = order.filter((slot) => table.compliance[slot] === nonCompliant);
  return { order, nonCompliantOrder };
}

function settingsLines(s: FinalSettings) {
  return [
    { label: 'Red below', value: s.thresholds.red },
    { label: 'Yellow below (green at or above)', value: s.thresholds.yellow },
    { label: 'Owner tag', value: s.ownerTagKey },
    { label: 'Environment tag keys', value: s.environmentTagKeys.join(', ') },
    {
      label: 'Environment name rules (first match wins)',
      value: s.environmentRules.map((r) => `${r.environment}: /${r.pattern}/i`).join('  |  '),
    },
    { label: 'Rows per Details sheet', value: s.detailsRowLimit },
    { label: 'Worst lists length', value: s.topN },
    { label: 'CSV formula guard', value: s.csvFormulaGuard ? 'on' : 'off' },
  ];
}
