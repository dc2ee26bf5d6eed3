/**
 * The simulated organization as the server and the ground truth read it. Both the synthetic
 * generator and the JSON fixture loader produce a `SimOrg`; everything in it is immutable data
 * (a synthetic org holds one version of it per day).
 * Run-time faults (denied roles, Config off, stopped recorders, hidden rules) live in the server's
 * state and are layered on top, never written back here.
 */
import type {
  MaximumExecutionFrequency,
  Owner,
  RuleEvaluationVisibility,
} from '@aws-sdk/client-config-service';
import type { AccountState } from '@aws-sdk/client-organizations';
import type { SimComplianceType } from '../types.js';
import type { SimOu } from './ous.js';

export type { SimOu } from './ous.js';

/** Account states as Organizations reports them (the model's, less PENDING_ACTIVATION). */
export type SimAccountState = Exclude<AccountState, 'PENDING_ACTIVATION'>;

/** An IAM role in an account that the hub may assume. */
export interface SimRole {
  name: string;
  /** When set, AssumeRole must pass exactly this ExternalId. */
  externalId?: string;
  /** Accounts allowed to assume the role (the trust policy's principals). Default: the hub only. */
  trustedAccounts?: string[];
  /** Role's MaxSessionDuration in seconds (AWS default 3600). */
  maxSessionDurationSeconds?: number;
}

/** One account of the organization. */
export interface SimAccount {
  accountId: string;
  name: string;
  email: string;
  state: SimAccountState;
  /** Organizations tags on the account. */
  tags: Record<string, string>;
  /** Epoch milliseconds. */
  joinedTimestamp: number;
  roles: SimRole[];
  /** The root's or an OU's id: where the account sits in the OU tree. */
  parentId: string;
}

/** A recorded resource. `tags` is shared by every evaluation of the resource: treat it as read-only. */
export interface SimResource {
  type: string;
  id: string;
  name: string;
  tags: Record<string, string>;
  /** False for pseudo types such as `AWS::::Account` that no advanced query returns. */
  queryable: boolean;
}

/** Source owners Config knows (the model's `Owner`). */
export type SimRuleOwner = Owner;

/** One Config rule in one account-region. */
export interface SimRule {
  name: string;
  arn: string;
  id: string;
  description: string;
  owner: SimRuleOwner;
  sourceIdentifier: string;
  /** Resource types in the rule's scope (empty: account-level / periodic without a scope). */
  resourceTypes: string[];
  /** INTERNAL rules are listed but no API returns their evaluations. */
  visibility: RuleEvaluationVisibility;
  /** Service principal of a service-linked rule (e.g. `securityhub.amazonaws.com`). */
  createdBy?: string;
  maximumExecutionFrequency?: MaximumExecutionFrequency;
  inputParameters?: string;
  /**
   * The rule's name without the suffix the deploying service generated (the template's name): the
   * same in every account-region that runs the rule. Ground truth for grouping rule instances; the
   * name itself for rules without a suffix.
   */
  baseName: string;
  /** Name of the conformance pack that deployed the rule (in this account-region). */
  conformancePack?: string;
}

/** A conformance pack of one account-region. */
export interface SimConformancePack {
  name: string;
  arn: string;
  id: string;
  /** The pack's name without a generated suffix (organization packs), the same in every member. */
  baseName: string;
  /** Service principal that created the pack (organization packs). */
  createdBy?: string;
  /** Epoch milliseconds. */
  lastUpdateRequestedTime: number;
}

/** One evaluation of one resource by one rule. Times are epoch milliseconds. */
export interface SimEval {
  resource: SimResource;
  complianceType: SimComplianceType;
  annotation?: string;
  resultRecordedTime: number;
  configRuleInvokedTime: number;
}

/** Recorder state of an account-region as the org defines it (faults may override it). */
export type SimRecorderState = 'running' | 'stopped' | 'none';

/** Everything Config holds for one account-region. */
export interface SimRegionData {
  recorder: SimRecorderState;
  /** Epoch milliseconds of the recorder's last start. */
  recorderStartedAt: number;
  rules: SimRule[];
  /** Evaluations per rule, parallel to `rules`. */
  evaluations: SimEval[][];
  /** Rule name → index in `rules`. */
  ruleIndex: Map<string, number>;
  resources: SimResource[];
  /** Conformance packs; their rules are the rules whose `conformancePack` names them. */
  packs: SimConformancePack[];
}

/** The organization. */
export interface SimOrg {
  seed: number;
  hubAccountId: string;
  organizationId: string;
  /** Regions the org uses (where Config data may exist). */
  regions: string[];
  /** Accounts in Organizations order (hub first). */
  accounts: SimAccount[];
  /** The organization root's id (`r-…`); its name is always `Root`. */
  rootId: string;
  /** The OUs, each after its parent. */
  organizationalUnits: SimOu[];
  /** OU by id. */
  ou(ouId: string): SimOu | undefined;
  /** The role a collector assumes by default (every synthetic account has it). */
  roleName: string;
  /** The ExternalId a collector presents by default (the synthetic `externalId` option). */
  externalId?: string;
  /** Account by id. */
  account(accountId: string): SimAccount | undefined;
  /**
   * The day `regionData` serves by default (the synthetic `day` option; always 0 for a fixture,
   * whose data never changes).
   */
  day: number;
  /**
   * Config data of one account-region on `day` (default: the org's `day`), generated lazily and
   * cached; deterministic. Day N of a synthetic org is day N-1 moved on by one day.
   */
  regionData(accountId: string, region: string, day?: number): SimRegionData;
}

/** Builds the `ruleIndex` of a region. */
export function indexRules(rules: readonly SimRule[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const [i, rule] of rules.entries()) index.set(rule.name, i);
  return index;
}

/** Region data with no recorder and nothing in it. */
export function emptyRegion(recorder: SimRecorderState = 'none'): SimRegionData {
  return {
    recorder,
    recorderStartedAt: 0,
    rules: [],
    evaluations: [],
    ruleIndex: new Map(),
    resources: [],
    packs: [],
  };
}

/**
 * The packs the rules name, in the order their first rule appears. `details` gives a pack's base
 * name and creator (the fixture's packs have neither: their name is their base name).
 */
export function packsOf(
  rules: readonly SimRule[],
  where: { accountId: string; region: string; epochMs: number },
  details: (name: string) => { baseName: string; createdBy?: string } = (name) => ({ baseName: name }),
): SimConformancePack[] {
  const packs: SimConformancePack[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const name = rule.conformancePack;
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    const id = `conformance-pack-${hashId(`${where.accountId}|${where.region}|${name}`)}`;
    const { baseName, createdBy } = details(name);
    packs.push({
      name,
      arn: `arn:aws:config:${where.region}:${where.accountId}:conformance-pack/${name}/${id}`,
      id,
      baseName,
      ...(createdBy ? { createdBy } : {}),
      lastUpdateRequestedTime: where.epochMs - 7 * 86_400_000,
    });
  }
  return packs;
}

/** A stable 10-hex-digit id from a text (FNV-1a). */
function hashId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${h.toString(16).padStart(8, '0')}${(text.length % 256).toString(16).padStart(2, '0')}`;
}
