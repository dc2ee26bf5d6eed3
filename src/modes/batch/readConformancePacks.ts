/**
 * Reads the account-region's conformance packs and ties each pack's rules to it. Like the tags, a
 * failure never costs data: the evaluations stay, the rules just lack their pack, and the failure
 * is returned so the account-region is marked PARTIAL with the reason.
 */
import { errorMessage } from '../../core/errors.js';
import {
  CONFORMANCE_PACK_COMPLIANCE_TYPES,
  type ConformancePackComplianceType,
  type RuleFailure,
  type ShardConformancePack,
  type ShardRule,
} from '../../core/model.js';
import { failureName } from './errors.js';
import type { RegionReader, SourceConformancePack } from './ports.js';
import type { RecordContext } from './records.js';

/** `rule_name` of the failure entry that reports unreadable conformance packs (not a Config rule). */
export const PACKS_PSEUDO_RULE = '(conformance packs)';

/** The service principal that creates the rules of a conformance pack. */
const PACK_RULE_CREATOR = 'config-conforms.amazonaws.com';

/**
 * True when the region has rules a conformance pack deployed. Regions without any skip the
 * DescribeConformancePacks call: a pack always deploys its rules through this principal, and most
 * regions of most organizations have no pack.
 */
export function hasConformancePackRules(rules: readonly ShardRule[]): boolean {
  return rules.some((r) => r.created_by === PACK_RULE_CREATOR || r.rule_name.includes('-conformance-pack-'));
}

const KNOWN = new Set<string>(CONFORMANCE_PACK_COMPLIANCE_TYPES);

/**
 * The pack as the shard keeps it. Its compliance follows Config's documented rule: NON_COMPLIANT
 * when any rule is, else COMPLIANT when any rule is, else INSUFFICIENT_DATA.
 */
export function toShardPack(pack: SourceConformancePack, ctx: RecordContext): ShardConformancePack {
  const tally: Record<ConformancePackComplianceType, number> = {
    COMPLIANT: 0,
    NON_COMPLIANT: 0,
    INSUFFICIENT_DATA: 0,
  };
  for (const rule of pack.rules) {
    const type = KNOWN.has(rule.complianceType)
      ? (rule.complianceType as ConformancePackComplianceType)
      : 'INSUFFICIENT_DATA';
    tally[type]++;
  }
  const compliance: ConformancePackComplianceType =
    tally.NON_COMPLIANT > 0 ? 'NON_COMPLIANT' : tally.COMPLIANT > 0 ? 'COMPLIANT' : 'INSUFFICIENT_DATA';
  return {
    account_id: ctx.accountId,
    region: ctx.region,
    pack_name: pack.name,
    compliance_type: compliance,
    rules_compliant: tally.COMPLIANT,
    rules_non_compliant: tally.NON_COMPLIANT,
    rules_insufficient_data: tally.INSUFFICIENT_DATA,
  };
}

/** What reading the packs gave: the packs, and a failure entry when they could not be read. */
export interface PacksRead {
  packs: ShardConformancePack[];
  failure?: RuleFailure;
}

/**
 * Reads the packs and sets `conformance_pack` on the rules they list (by name; a rule listed by a
 * pack but not by DescribeConfigRules is ignored). Never throws.
 */
export async function readConformancePacks(
  reader: Pick<RegionReader, 'conformancePacks'>,
  rules: readonly ShardRule[],
  ctx: RecordContext,
): Promise<PacksRead> {
  let packs: SourceConformancePack[];
  try {
    packs = await reader.conformancePacks();
  } catch (error) {
    return {
      packs: [],
      failure: {
        rule_name: PACKS_PSEUDO_RULE,
        error_name: failureName(error),
        error_message:
          `conformance packs could not be read: ${errorMessage(error)}; all evaluations were kept, the rules are reported without their pack`.slice(
            0,
            1000,
          ),
      },
    };
  }
  const byName = new Map(rules.map((r) => [r.rule_name, r]));
  for (const pack of packs) {
    for (const { ruleName } of pack.rules) {
      const rule = byName.get(ruleName);
      if (rule) rule.conformance_pack = pack.name;
    }
  }
  return { packs: packs.map((p) => toShardPack(p, ctx)) };
}
