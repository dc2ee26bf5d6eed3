/**
 * Logical rules: Security Hub, conformance packs, Firewall Manager and organization rules deploy
 * one Config rule per account-region, each named with a generated suffix
 * (`securityhub-ec2-imdsv2-check-a1b2c3`, `s3-bucket-versioning-enabled-conformance-pack-k2j4h6g8`,
 * `OrgConfigRule-required-tags-x7y8z9w0`). To a reader they are one rule deployed many times, so
 * the report groups rule instances by their name with that suffix removed. Pure.
 *
 * Why the name and not the managed identifier: one identifier is often deployed several times with
 * different parameters (REQUIRED_TAGS for two tag keys) or by several services at once (Security Hub
 * and a conformance pack both checking S3 encryption); grouping those would merge different
 * policies and count a resource twice. The stripped name keeps each deployment apart and is what
 * the console shows, less the noise. The identifier is still reported beside it.
 */

/** Who deployed a rule, as far as the report tells them apart. */
export type RuleCreator =
  | 'security-hub'
  | 'conformance-pack'
  | 'firewall-manager'
  | 'organization'
  /** Another service principal (the label is the principal itself). */
  | 'service'
  /** Created in the account itself (no `CreatedBy`, no generated name). */
  | 'account';

/** What a rule instance says about itself (shard header fields; '' or absent when unknown). */
export interface RuleInstanceIdentity {
  ruleName: string;
  sourceOwner?: string | undefined;
  sourceIdentifier?: string | undefined;
  createdBy?: string | undefined;
}

/** The logical rule a rule instance belongs to. */
export interface LogicalRule {
  /** The grouping key and display name: the instance name without its generated suffix. */
  name: string;
  /** The suffix removed ('' when the name had none). */
  suffix: string;
  creator: RuleCreator;
}

/** Service principals of DescribeConfigRules' `CreatedBy` that the report names. */
export const RULE_CREATORS: Readonly<Record<string, RuleCreator>> = {
  'securityhub.amazonaws.com': 'security-hub',
  'config-conforms.amazonaws.com': 'conformance-pack',
  'fms.amazonaws.com': 'firewall-manager',
  'config-multiaccountsetup.amazonaws.com': 'organization',
};

/** A generated suffix: 4 to 16 letters and digits after the last `-`. */
const SUFFIX = '([A-Za-z0-9]{4,16})';

/**
 * The name patterns, tried in order. `marker` patterns are distinctive enough to strip whoever
 * created the rule; the others only for their service, or for an AWS managed rule of unknown
 * creator (a version 1 shard) whose suffix contains a digit (a word like `enabled` never does).
 */
const PATTERNS: readonly { creator: RuleCreator; pattern: RegExp; marker: boolean }[] = [
  {
    creator: 'conformance-pack',
    pattern: new RegExp(`^(.+-conformance-pack)-${SUFFIX}$`, 'i'),
    marker: true,
  },
  { creator: 'organization', pattern: new RegExp(`^(OrgConfigRule-.+)-${SUFFIX}$`, 'i'), marker: true },
  { creator: 'security-hub', pattern: new RegExp(`^(securityhub-.+)-${SUFFIX}$`, 'i'), marker: false },
  { creator: 'firewall-manager', pattern: new RegExp(`^(fms-.+)-${SUFFIX}$`, 'i'), marker: false },
];

const HAS_DIGIT = /\d/;
const CUSTOM_OWNERS: ReadonlySet<string> = new Set(['CUSTOM_LAMBDA', 'CUSTOM_POLICY']);

/** The creator named by `CreatedBy` (undefined when absent). */
function creatorOf(createdBy: string | undefined): RuleCreator | undefined {
  if (createdBy === undefined || createdBy === '') return undefined;
  return RULE_CREATORS[createdBy] ?? 'service';
}

/**
 * Maps a rule instance to its logical rule. Names that match no pattern (or whose creator says
 * otherwise) are their own logical rule, unchanged.
 */
export function logicalRuleOf(rule: RuleInstanceIdentity): LogicalRule {
  const declared = creatorOf(rule.createdBy);
  const custom = CUSTOM_OWNERS.has(rule.sourceOwner ?? '');
  for (const { creator, pattern, marker } of PATTERNS) {
    const match = pattern.exec(rule.ruleName);
    if (!match) continue;
    const suffix = match[2]!;
    const strip = marker
      ? true
      : declared === undefined
        ? !custom && HAS_DIGIT.test(suffix)
        : declared === creator;
    if (strip) return { name: match[1]!, suffix, creator: declared ?? creator };
  }
  return { name: rule.ruleName, suffix: '', creator: declared ?? 'account' };
}

const CREATOR_LABELS: Readonly<Record<Exclude<RuleCreator, 'service'>, string>> = {
  'security-hub': 'Security Hub',
  'conformance-pack': 'Conformance pack',
  'firewall-manager': 'Firewall Manager',
  organization: 'Organization rule',
  account: 'Account',
};

/** How the report names a creator (another service: its principal, e.g. `example.amazonaws.com`). */
export function creatorLabel(creator: RuleCreator, createdBy: string | undefined): string {
  return creator === 'service' ? (createdBy ?? '') : CREATOR_LABELS[creator];
}

/** Organization conformance packs are deployed to each member as `OrgConformsPack-<name>-<suffix>`. */
const ORG_PACK = new RegExp(`^(OrgConformsPack-.+)-${SUFFIX}$`, 'i');

/** A conformance pack's name across accounts: organization packs lose their generated suffix. */
export function logicalPackName(packName: string): string {
  return ORG_PACK.exec(packName)?.[1] ?? packName;
}
