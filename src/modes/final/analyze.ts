/**
 * Between the passes: turns what pass 1 read into the report model — statistics, environment
 * labels, coverage, the rankings — and fixes the output order of the evaluations. Computing all of
 * this before the first sheet is what lets the workbook be streamed sheet by sheet.
 */
import { countStale } from '../../core/age.js';
import { buildCoverage, type Coverage } from '../../core/coverage.js';
import { complianceCode, complianceFromCode } from '../../core/dedupe.js';
import { describeRule } from '../../core/environment.js';
import type { FinalEvent } from '../../core/event.js';
import type { Environment, PlanManifest } from '../../core/model.js';
import { sortWorkFirst } from '../../core/ranking.js';
import {
  complianceRatio,
  type Stats,
  StatsBuilder,
  statsByEnvironment,
  worstFirst,
} from '../../core/stats.js';
import type { AboutLine, AccountRow, ReportModel } from '../../report/model.js';
import { accountRows } from './accounts.js';
import { ExceptionMatcher, logicalRuleNames } from './exceptionMatch.js';
import type { LoadedExceptions } from './exceptionsLoad.js';
import { exceptionsSummary } from './exceptionsSummary.js';
import { logicalRuleRows, worstRules } from './logicalRuleRows.js';
import { type OutputOrder, outputOrder } from './order.js';
import { ownerRows, regionRows } from './rankings.js';
import { countNonCompliantResources, type ResourceCounts } from './resources.js';
import type { FinalSettings } from './settings.js';
import { checkSetup } from './setupCheck.js';
import type { ShardsRead } from './shards.js';
import { ouRows, topOwners, untaggedSummary } from './whoMustAct.js';

/**
 * Compliant + non-compliant evaluations a logical rule needs to enter Summary's "Worst rules": a
 * rule evaluated on three resources says little about the organization, however it ranks.
 */
export const WORST_RULES_MIN_EVALUATIONS = 10;

/** The model plus what pass 2 needs to emit rows. */
export interface Analysis extends OutputOrder {
  model: ReportModel;
  /** The statistics by interned id (the extracts look owners up by id, not by label). */
  stats: Stats;
}

/** Context of the run. */
export interface AnalyzeInput {
  shards: ShardsRead;
  event: FinalEvent;
  plan: PlanManifest | undefined;
  settings: FinalSettings;
  reportDate: string;
  generatedAt: Date;
  storeLocation: string;
  warnings: string[];
  /** The accepted exceptions file, loaded (absent when none is configured). */
  exceptions?: LoadedExceptions;
}

/** Builds the report model. Pure apart from reading (and interning into) pass 1's structures. */
export function analyze(input: AnalyzeInput): Analysis {
  const { shards, event, plan, settings } = input;
  const stats = evaluationStats(shards);
  const resources = countNonCompliantResources(shards.table);
  const expectedRegions = event.regions ?? plan?.regions ?? [];
  const { accounts, environmentById } = accountRows({
    shards,
    event,
    plan,
    settings,
    stats,
    expectedRegions,
    resourcesByAccount: resources.byAccount,
  });
  const coverage = buildCoverage({
    plan,
    eventAccounts: event.accounts,
    expectedRegions,
    accounts: shards.merger.accounts(),
    acceptedShards: shards.accepted.map((a) => a.shardId),
    rejected: shards.rejected,
    recordNotes: shards.notes,
  });
  const matcher = exceptionMatcher(shards, input.exceptions);
  const order = outputOrder(shards, accounts, matcher);
  const model = reportModel(input, { stats, resources, accounts, environmentById, coverage, order });
  if (input.exceptions)
    model.exceptions = exceptionsSummary(
      input.exceptions,
      matcher,
      stats.overall,
      order.acceptedOrder.length,
    );
  return { model, stats, ...order };
}

/** The matcher of the entries in force (none when no entry could accept anything). */
function exceptionMatcher(shards: ShardsRead, loaded: LoadedExceptions | undefined) {
  if (!loaded || loaded.entries.every((e) => e.status === 'expired')) return undefined;
  return new ExceptionMatcher(loaded.entries, shards.dims, logicalRuleNames(shards.dims, shards.merger));
}

/** Statistics of the winners, then of the rules each shard saw deployed. */
function evaluationStats(shards: ShardsRead): Stats {
  const { dims, table, merger } = shards;
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
  return stats.result();
}

/** The parts {@link analyze} computed, for {@link reportModel}. */
interface ModelParts {
  stats: Stats;
  resources: ResourceCounts;
  /** Sorted by name (the evaluation sheets' order). */
  accounts: AccountRow[];
  environmentById: Map<number, Environment>;
  coverage: Coverage;
  order: OutputOrder;
}

function reportModel(input: AnalyzeInput, parts: ModelParts): ReportModel {
  const { shards, settings } = input;
  const { stats, accounts, coverage } = parts;
  const { table, dims } = shards;
  const { rules, packs } = logicalRuleRows({ stats, dims, merger: shards.merger, table });
  const owners = ownerRows(stats, dims, parts.resources.byOwner);
  return {
    groupId: input.event.group_id,
    reportDate: input.reportDate,
    generatedAt: input.generatedAt,
    storeLocation: input.storeLocation,
    thresholds: { ...settings.thresholds },
    ownerTagKey: settings.ownerTagKey,
    overall: { counts: stats.overall, ratio: complianceRatio(stats.overall) },
    environments: statsByEnvironment(stats.byAccount, parts.environmentById).map((e) => ({
      ...e,
      ratio: complianceRatio(e.counts),
    })),
    regions: regionRows(stats, dims),
    // The Accounts sheet answers "who must act": most non-compliant first (docs/report.md).
    accounts: sortWorkFirst(
      accounts,
      (a) => a.counts,
      (a) => `${a.accountName}\u0000${a.accountId}`,
    ),
    rules,
    conformancePacks: packs,
    owners,
    worstAccounts: worstFirst(
      accounts,
      (a) => a.counts,
      (a) => `${a.accountName}\u0000${a.accountId}`,
      settings.topN,
    ),
    worstRules: worstRules(rules, WORST_RULES_MIN_EVALUATIONS, settings.topN),
    worstRulesMinEvaluations: WORST_RULES_MIN_EVALUATIONS,
    untagged: untaggedSummary(
      owners.find((o) => o.untagged),
      stats.overall.nonCompliant,
      table.size,
    ),
    topOwners: topOwners(owners, settings.topN),
    nonCompliantResources: parts.resources.overall,
    organizationalUnits: ouRows(accounts),
    topN: settings.topN,
    unclassifiedAccounts: accounts.filter((a) => a.environment === 'Unclassified'),
    stale: staleOf(shards, input.generatedAt, settings.staleDays),
    coverage,
    shards: {
      listed: shards.listed,
      expected: coverage.expectedShards,
      accepted: shards.accepted.length,
      rejected: shards.rejected.length,
      missing: coverage.missingShards.length,
      acceptedIds: shards.accepted.map((a) => a.shardId),
    },
    records: {
      read: shards.recordsRead,
      invalid: shards.invalidRecords,
      duplicatesDropped: table.duplicatesDropped,
      unique: table.size,
      // Strict: accepted evaluations are still non-compliant (they only leave the work list).
      nonCompliant: parts.order.nonCompliantOrder.length + parts.order.acceptedOrder.length,
      rulesWithoutResults: stats.rulesWithoutResults,
    },
    settings: aboutLines(settings),
    warnings: [
      ...input.warnings,
      ...(input.plan?.warnings ?? []).map((w) => `Plan: ${w}`),
      ...shards.warnings,
    ],
    ...setupFailureOf(coverage, settings),
  };
}

/** Stale winners, counted from the winner table's columns (no object per evaluation). */
function staleOf(shards: ShardsRead, generatedAt: Date, staleDays: number): ReportModel['stale'] {
  const { table } = shards;
  const counts = countStale(table, generatedAt.getTime(), staleDays, complianceCode('NON_COMPLIANT'));
  return { ...counts, share: table.size === 0 ? null : counts.evaluations / table.size };
}

/** `{ setupFailure }` when the run is a setup failure, else nothing (the key stays absent). */
function setupFailureOf(coverage: Coverage, settings: FinalSettings): Pick<ReportModel, 'setupFailure'> {
  const failure = checkSetup(coverage.statusCounts, settings.setupFailureShare);
  return failure ? { setupFailure: failure } : {};
}

/** The settings as the About sheet lists them. */
function aboutLines(s: FinalSettings): AboutLine[] {
  return [
    { label: 'Red below', value: s.thresholds.red, format: 'percent' },
    { label: 'Yellow below (green at or above)', value: s.thresholds.yellow, format: 'percent' },
    { label: 'Owner tag', value: s.ownerTagKey },
    {
      label: 'Environment order (first that decides)',
      value: 'label in the event or plan, account tag, account name, resource tag',
    },
    { label: 'Environment tag keys', value: s.environmentTagKeys.join(', ') },
    { label: 'Environment tag values meaning Prod', value: s.prodTagValues.join(', ') },
    { label: 'Environment tag values meaning Non-Prod', value: s.nonProdTagValues.join(', ') },
    {
      label: 'Environment name rules (first match wins; a word = letters between non-letters)',
      value: s.environmentRules.map((r, i) => `${i + 1}. ${r.environment} if ${describeRule(r)}`).join('; '),
    },
    { label: 'Rows per Details sheet', value: s.detailsRowLimit },
    { label: 'Worst lists length', value: s.topN },
    { label: 'CSV formula guard', value: s.csvFormulaGuard ? 'on' : 'off' },
    { label: 'Owner extracts', value: s.ownerExtracts ? 'on' : 'off' },
    { label: 'Account extracts', value: s.accountExtracts ? 'on' : 'off' },
    { label: 'Stale after (days)', value: s.staleDays },
    { label: 'Exceptions file', value: s.exceptions ?? 'none' },
    {
      label: 'Invalid exceptions file',
      value: s.ignoreInvalidExceptions ? 'ignored (warned)' : 'stops the run',
    },
  ];
}
