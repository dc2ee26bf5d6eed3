/**
 * Dedupe of evaluations across every shard: one winner per (account, region, rule, resource type,
 * resource id), kept in compact columns (typed arrays) so a million winners fit in a few hundred MB.
 * The record bodies themselves live elsewhere (a spool file); a winner only remembers where.
 *
 * Which result wins: the newest `result_recorded_time`; on a tie the newest
 * `config_rule_invoked_time`; then the more severe compliance type (NON_COMPLIANT >
 * INSUFFICIENT_DATA > COMPLIANT > NOT_APPLICABLE), so an ambiguous duplicate never hides a finding;
 * then the first one offered. Final mode offers shards in shard id order and records in file order, so
 * the outcome is deterministic.
 *
 * Offers are grouped in transactions (one per shard): a shard that turns out to be corrupt halfway
 * through is rolled back and leaves no trace.
 */
import { COMPLIANCE_TYPES, type ComplianceType } from './model.js';

/** Separator of the dedupe key parts; validated records never carry it outside `resource_id`. */
const SEP = '\u0000';

/** The dedupe key of an evaluation. Sorting keys orders by account id, region, rule, type, id. */
export function dedupeKey(r: {
  account_id: string;
  region: string;
  rule_name: string;
  resource_type: string;
  resource_id: string;
}): string {
  // join builds one flat string; `+` would build a rope that keeps every parsed field alive and
  // costs ~3× the memory per key (measured: 441 vs 153 MB for a million keys) and more time to hash.
  return [r.account_id, r.region, r.rule_name, r.resource_type, r.resource_id].join(SEP);
}

/** Compliance type ↔ small code (index in COMPLIANCE_TYPES). */
export function complianceCode(type: ComplianceType): number {
  return COMPLIANCE_TYPES.indexOf(type);
}
/** Inverse of `complianceCode`. */
export function complianceFromCode(code: number): ComplianceType {
  const type = COMPLIANCE_TYPES[code];
  if (type === undefined) throw new RangeError(`unknown compliance code ${code}`);
  return type;
}

const SEVERITY: Record<ComplianceType, number> = {
  NON_COMPLIANT: 3,
  INSUFFICIENT_DATA: 2,
  COMPLIANT: 1,
  NOT_APPLICABLE: 0,
};
const SEVERITY_BY_CODE = COMPLIANCE_TYPES.map((type) => SEVERITY[type]);

/** One offered evaluation, in compact form. Callers may reuse one object between offers. */
export interface Candidate {
  recordedMs: number;
  invokedMs: number;
  /** `complianceCode(...)`. */
  compliance: number;
  /** Where the record body is: spool file number, byte offset and length. */
  spoolFile: number;
  spoolOffset: number;
  spoolLength: number;
  /** Interned dimension ids. */
  account: number;
  region: number;
  rule: number;
  owner: number;
}

/**
 * True when `a` beats `b` (strictly): newer recorded time, then newer invoked time, then more severe.
 * Equal candidates do not beat each other, so the first offered stays.
 */
export function beats(
  a: Pick<Candidate, 'recordedMs' | 'invokedMs' | 'compliance'>,
  b: Pick<Candidate, 'recordedMs' | 'invokedMs' | 'compliance'>,
): boolean {
  if (a.recordedMs !== b.recordedMs) return a.recordedMs > b.recordedMs;
  if (a.invokedMs !== b.invokedMs) return a.invokedMs > b.invokedMs;
  return (SEVERITY_BY_CODE[a.compliance] ?? 0) > (SEVERITY_BY_CODE[b.compliance] ?? 0);
}

const INITIAL_CAPACITY = 1024;
const UNDO_FIELDS = 10;

/** The winners of every dedupe key, in compact columns indexed by slot. */
export class WinnerTable {
  readonly #slots = new Map<string, number>();
  /** Key of each slot (the Map holds the same string); emptied by `seal`. */
  keys: string[] = [];
  // The five columns pass-2 workers read live in shared memory: posting them to the CSV and sheet
  // workers then shares them instead of copying ~29 MB per worker for a million winners.
  recorded = sharedFloat64(INITIAL_CAPACITY);
  invoked = sharedFloat64(INITIAL_CAPACITY);
  spoolFile = new Uint8Array(new SharedArrayBuffer(INITIAL_CAPACITY));
  spoolOffset = sharedFloat64(INITIAL_CAPACITY);
  spoolLength = new Uint32Array(new SharedArrayBuffer(INITIAL_CAPACITY * 4));
  account = new Uint32Array(INITIAL_CAPACITY);
  region = new Uint32Array(INITIAL_CAPACITY);
  rule = new Uint32Array(INITIAL_CAPACITY);
  owner = new Uint32Array(INITIAL_CAPACITY);
  compliance = new Uint8Array(INITIAL_CAPACITY);

  #offered = 0;
  #sealedSize = -1;
  #txOpen = false;
  #txStartSize = 0;
  #txOffered = 0;
  /** Old values of slots replaced in the open transaction: slot followed by UNDO_FIELDS values. */
  #undo: number[] = [];

  /** Number of distinct keys (winners). */
  get size(): number {
    return this.#sealedSize >= 0 ? this.#sealedSize : this.keys.length;
  }
  /** Evaluations offered in committed transactions. */
  get offered(): number {
    return this.#offered;
  }
  /** Offered evaluations that lost to (or equalled) another with the same key. */
  get duplicatesDropped(): number {
    return this.#offered - this.size;
  }

  /** Starts a transaction (one per shard). */
  begin(): void {
    if (this.#txOpen) throw new Error('transaction already open');
    if (this.#sealedSize >= 0) throw new Error('the table is sealed');
    this.#txOpen = true;
    this.#txStartSize = this.keys.length;
    this.#txOffered = 0;
    this.#undo = [];
  }

  /** Offers an evaluation; returns true when it is now the winner of its key. */
  offer(key: string, c: Candidate): boolean {
    if (!this.#txOpen) throw new Error('offer outside a transaction');
    this.#txOffered++;
    const slot = this.#slots.get(key);
    if (slot === undefined) {
      const fresh = this.keys.length;
      this.#ensureCapacity(fresh + 1);
      this.#slots.set(key, fresh);
      this.keys.push(key);
      this.#write(fresh, c);
      return true;
    }
    if (!beats(c, this.#read(slot))) return false;
    if (slot < this.#txStartSize) {
      this.#undo.push(
        slot,
        this.recorded[slot]!,
        this.invoked[slot]!,
        this.spoolFile[slot]!,
        this.spoolOffset[slot]!,
        this.spoolLength[slot]!,
        this.account[slot]!,
        this.region[slot]!,
        this.rule[slot]!,
        this.owner[slot]!,
        this.compliance[slot]!,
      );
    }
    this.#write(slot, c);
    return true;
  }

  /** Keeps everything offered since `begin`. */
  commit(): void {
    if (!this.#txOpen) throw new Error('no open transaction');
    this.#offered += this.#txOffered;
    this.#txOpen = false;
    this.#undo = [];
  }

  /** Forgets everything offered since `begin`, restoring replaced winners. */
  rollback(): void {
    if (!this.#txOpen) throw new Error('no open transaction');
    const u = this.#undo;
    for (let i = u.length - (UNDO_FIELDS + 1); i >= 0; i -= UNDO_FIELDS + 1) {
      const slot = u[i]!;
      this.recorded[slot] = u[i + 1]!;
      this.invoked[slot] = u[i + 2]!;
      this.spoolFile[slot] = u[i + 3]!;
      this.spoolOffset[slot] = u[i + 4]!;
      this.spoolLength[slot] = u[i + 5]!;
      this.account[slot] = u[i + 6]!;
      this.region[slot] = u[i + 7]!;
      this.rule[slot] = u[i + 8]!;
      this.owner[slot] = u[i + 9]!;
      this.compliance[slot] = u[i + 10]!;
    }
    for (let slot = this.keys.length - 1; slot >= this.#txStartSize; slot--) {
      this.#slots.delete(this.keys[slot]!);
    }
    this.keys.length = this.#txStartSize;
    this.#txOpen = false;
    this.#undo = [];
  }

  /**
   * Releases the keys (about 150 MB per million) once no more offers will come and the output
   * order is known; the columns and `size` stay. No offers after this.
   */
  seal(): void {
    this.#sealedSize = this.keys.length;
    this.#slots.clear();
    this.keys = [];
  }

  #read(slot: number): Pick<Candidate, 'recordedMs' | 'invokedMs' | 'compliance'> {
    return {
      recordedMs: this.recorded[slot]!,
      invokedMs: this.invoked[slot]!,
      compliance: this.compliance[slot]!,
    };
  }

  #write(slot: number, c: Candidate): void {
    this.recorded[slot] = c.recordedMs;
    this.invoked[slot] = c.invokedMs;
    this.spoolFile[slot] = c.spoolFile;
    this.spoolOffset[slot] = c.spoolOffset;
    this.spoolLength[slot] = c.spoolLength;
    this.account[slot] = c.account;
    this.region[slot] = c.region;
    this.rule[slot] = c.rule;
    this.owner[slot] = c.owner;
    this.compliance[slot] = c.compliance;
  }

  #ensureCapacity(needed: number): void {
    if (needed <= this.recorded.length) return;
    let capacity = this.recorded.length;
    while (capacity < needed) capacity *= 2;
    this.recorded = grow(this.recorded, sharedFloat64(capacity));
    this.invoked = grow(this.invoked, sharedFloat64(capacity));
    this.spoolFile = grow(this.spoolFile, new Uint8Array(new SharedArrayBuffer(capacity)));
    this.spoolOffset = grow(this.spoolOffset, sharedFloat64(capacity));
    this.spoolLength = grow(this.spoolLength, new Uint32Array(new SharedArrayBuffer(capacity * 4)));
    this.account = grow(this.account, new Uint32Array(capacity));
    this.region = grow(this.region, new Uint32Array(capacity));
    this.rule = grow(this.rule, new Uint32Array(capacity));
    this.owner = grow(this.owner, new Uint32Array(capacity));
    this.compliance = grow(this.compliance, new Uint8Array(capacity));
  }
}

function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

function grow<T extends Float64Array | Uint32Array | Uint8Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}
