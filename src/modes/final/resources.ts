/**
 * Distinct non-compliant resources: a resource failing three rules is one resource to fix, not
 * three. A resource is (account, region, resource type, resource id) — the dedupe key without the
 * rule — so it belongs to exactly one account; an owner is the owner tag on its evaluations.
 *
 * Memory-bounded: no object per record. Each non-compliant winner is reduced to a 64-bit hash of
 * its resource (two 32-bit hashes of the dedupe key, rule left out) and offered to two flat
 * {@link TupleSet}s — resources (2 words) and (owner, resource) pairs (3 words). Cost per
 * non-compliant winner: at most 3 × (8 + 1) + 3 × (12 + 1) = 66 bytes of typed arrays, about 44 on
 * average, freed when the analysis ends; nothing per compliant winner. A hash collision (about one
 * in 10^7 at a million resources) would count two resources as one.
 */
import { complianceCode } from '../../core/dedupe.js';
import { TupleSet } from '../../core/tupleSet.js';
import type { WinnerTable } from '../../core/winnerTable.js';

/** Distinct non-compliant resources, in all and by interned account / owner id. */
export interface ResourceCounts {
  overall: number;
  byAccount: Map<number, number>;
  byOwner: Map<number, number>;
}

/** The dedupe key's separator (src/core/dedupe.ts); the rule is its third part. */
const SEP = 0;
const RULE_PART = 2;

/**
 * Writes two independent 32-bit hashes of the key's resource (every part but the rule) into
 * `out[at]`, `out[at + 1]`. Parts after the rule may contain the separator (resource ids), which
 * is harmless: they are hashed either way.
 */
export function hashResourceOfKey(key: string, out: Uint32Array, at: number): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  let part = 0;
  let hashed = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (part !== RULE_PART) {
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
      hashed++;
    }
    if (c === SEP) part++;
  }
  out[at] = fmix(h1);
  out[at + 1] = fmix(h2 ^ hashed);
}

/** Murmur3's finalizer: spreads every input bit over the output. */
function fmix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Counts the distinct resources of the non-compliant winners. Needs the table's keys, so call it
 * before `table.seal()`.
 */
export function countNonCompliantResources(table: WinnerTable): ResourceCounts {
  const nonCompliant = complianceCode('NON_COMPLIANT');
  let expected = 0;
  for (let slot = 0; slot < table.size; slot++) if (table.compliance[slot] === nonCompliant) expected++;
  const resources = new TupleSet(2, expected);
  const owned = new TupleSet(3, expected);
  const byAccount = new Map<number, number>();
  const byOwner = new Map<number, number>();
  // Reused for every slot: no allocation per record.
  const resource = new Uint32Array(2);
  const ownerResource = new Uint32Array(3);
  for (let slot = 0; slot < table.size; slot++) {
    if (table.compliance[slot] !== nonCompliant) continue;
    hashResourceOfKey(table.keys[slot]!, resource, 0);
    if (resources.add(resource)) {
      const account = table.account[slot]!;
      byAccount.set(account, (byAccount.get(account) ?? 0) + 1);
    }
    const owner = table.owner[slot]!;
    ownerResource[0] = owner;
    ownerResource[1] = resource[0]!;
    ownerResource[2] = resource[1]!;
    if (owned.add(ownerResource)) byOwner.set(owner, (byOwner.get(owner) ?? 0) + 1);
  }
  return { overall: resources.size, byAccount, byOwner };
}
