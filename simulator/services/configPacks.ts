/**
 * AWS Config's conformance pack reads: DescribeConformancePacks and
 * DescribeConformancePackCompliance, for the caller's account and the SigV4 scope's region.
 * Input limits as the service model states them (names 0–25, Limit 0–20 and 0–1000); the default
 * page sizes are not documented (see docs/simulator.md).
 */
import { SimError } from '../http/errors.js';
import { decodeToken, encodeToken } from '../http/tokens.js';
import type { SimConformancePack, SimRegionData } from '../org/model.js';
import { ConformancePackComplianceType, valuesOf } from '../serviceModel.js';
import { ruleCompliance } from './configCompliance.js';
import { visibleRegion } from './configView.js';
import { epochSeconds, type JsonOperation, optInt, optString, optStringList, reqString } from './context.js';
import { checkEnum, checkLength, checkRange } from './validation.js';

/** Default pages when `Limit` is 0 or absent (undocumented; the simulator's choice). */
export const PACKS_DEFAULT_PAGE = 20;
export const PACK_RULES_DEFAULT_PAGE = 100;

function noSuchPack(name: string): SimError {
  return new SimError(
    'NoSuchConformancePackException',
    `Conformance pack ${name} does not exist in your account.`,
  );
}

function packJson(pack: SimConformancePack): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ConformancePackName: pack.name,
    ConformancePackArn: pack.arn,
    ConformancePackId: pack.id,
    LastUpdateRequestedTime: epochSeconds(pack.lastUpdateRequestedTime),
  };
  if (pack.createdBy) out.CreatedBy = pack.createdBy;
  return out;
}

function packNamed(data: SimRegionData, name: string): SimConformancePack {
  const pack = data.packs.find((p) => p.name === name);
  if (!pack) throw noSuchPack(name);
  return pack;
}

/** DescribeConformancePacks: every pack (or the named ones), `Limit` 0–20 per page. */
export const describeConformancePacks: JsonOperation = (ctx, input) => {
  const names = optStringList(input, 'ConformancePackNames', 25);
  const limit = optInt(input, 'Limit') ?? 0;
  checkRange(limit, 'Limit', 0, 20);
  const data = visibleRegion(ctx);
  const packs = names && names.length > 0 ? names.map((name) => packNamed(data, name)) : data.packs;
  const pageSize = limit === 0 ? PACKS_DEFAULT_PAGE : limit;
  const context = `DescribeConformancePacks|${ctx.principal.accountId}|${ctx.region}|${names?.join(',') ?? ''}`;
  const token = optString(input, 'NextToken');
  const start = token ? decodeToken(token, context) : 0;
  const out: Record<string, unknown> = {
    ConformancePackDetails: packs.slice(start, start + pageSize).map(packJson),
  };
  if (start + pageSize < packs.length) out.NextToken = encodeToken(context, start + pageSize);
  return out;
};

/** The filters of DescribeConformancePackCompliance, checked as the service does. */
function packFilters(input: Record<string, unknown>): { ruleNames?: string[]; type?: string } {
  const raw = input.Filters;
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw new SimError('SerializationException', 'Filters must be a structure');
  const filters = raw as Record<string, unknown>;
  const ruleNames = optStringList(filters, 'ConfigRuleNames');
  if (ruleNames) checkLength(ruleNames, 'Filters.ConfigRuleNames', 0, 10);
  const type = optString(filters, 'ComplianceType');
  if (type !== undefined) {
    checkEnum(type, 'Filters.ComplianceType', valuesOf(ConformancePackComplianceType));
    if (type === ConformancePackComplianceType.INSUFFICIENT_DATA)
      throw new SimError(
        'InvalidParameterValueException',
        'INSUFFICIENT_DATA is not supported as a ComplianceType filter.',
      );
  }
  return { ...(ruleNames ? { ruleNames } : {}), ...(type ? { type } : {}) };
}

/** DescribeConformancePackCompliance: each rule of one pack with its compliance, `Limit` 0–1000. */
export const describeConformancePackCompliance: JsonOperation = (ctx, input) => {
  const name = reqString(input, 'ConformancePackName');
  checkLength(name, 'ConformancePackName', 1, 256);
  const filters = packFilters(input);
  const limit = optInt(input, 'Limit') ?? 0;
  checkRange(limit, 'Limit', 0, 1000);
  const data = visibleRegion(ctx);
  packNamed(data, name);
  let rules = data.rules.flatMap((rule, i) =>
    rule.conformancePack === name ? [{ name: rule.name, type: ruleCompliance(ctx, data, i).type }] : [],
  );
  if (filters.ruleNames && filters.ruleNames.length > 0) {
    const missing = filters.ruleNames.find((n) => !rules.some((r) => r.name === n));
    if (missing !== undefined)
      throw new SimError(
        'NoSuchConfigRuleInConformancePackException',
        `Config rule ${missing} is not in conformance pack ${name}.`,
      );
    rules = rules.filter((r) => filters.ruleNames!.includes(r.name));
  }
  if (filters.type) rules = rules.filter((r) => r.type === filters.type);
  const pageSize = limit === 0 ? PACK_RULES_DEFAULT_PAGE : limit;
  const context = `DescribeConformancePackCompliance|${ctx.principal.accountId}|${ctx.region}|${name}|${filters.ruleNames?.join(',') ?? ''}|${filters.type ?? ''}`;
  const token = optString(input, 'NextToken');
  const start = token ? decodeToken(token, context) : 0;
  const out: Record<string, unknown> = {
    ConformancePackName: name,
    ConformancePackRuleComplianceList: rules
      .slice(start, start + pageSize)
      .map((r) => ({ ConfigRuleName: r.name, ComplianceType: r.type })),
  };
  if (start + pageSize < rules.length) out.NextToken = encodeToken(context, start + pageSize);
  return out;
};
