/**
 * The winners of every dedupe key (src/core/dedupe.ts decides who wins), kept in compact columns
 * (typed arrays) so a million winners fit in a few hundred MB. The record bodies themselves live
 * elsewhere (a spool file); a winner only remembers where.
 *
 * Offers are grouped in transactions (one per shard): a shard that turns out to be corrupt halfway
 * through is rolled back and leaves no trace.
 *
 * Where the columns' memory comes from is the caller's choice ({@link ColumnMemory}): final mode's
 * thread engine puts some in shared memory so its workers can read them without a copy.
 */
import { beats, type Candidate } from './dedupe.js';

const INITIAL_CAPACITY = 1024;
const UNDO_FIELDS = 10;

/** The columns of a {@link WinnerTable}, one typed array each, indexed by slot. */
export type WinnerColumn =
  | 'recorded'
  | 'invoked'
  | 'spoolFile'
  | 'spoolOffset'
  | 'spoolLength'
  | 'account'
  | 'region'
  | 'rule'
  | 'owner'
  | 'compliance';

/** Where a winner table's column memory comes from (the table only ever asks for zeroed buffers). */
export interface ColumnMemory {
  /** A zero-filled buffer of `bytes` bytes to hold `column`. */
  buffer(column: WinnerColumn, bytes: number): ArrayBufferLike;
}

/** Ordinary, unshared memory: the default. */
export const PLAIN_COLUMN_MEMORY: ColumnMemory = { buffer: (_column, bytes) => new ArrayBuffer(bytes) };

/** The winners of every dedupe key, in compact columns indexed by slot. */
export class WinnerTable {
  readonly #slots = new Map<string, number>();
  readonly #memory: ColumnMemory;
  /** Key of each slot (the Map holds the same string); emptied by `seal`. */
  keys: string[] = [];
  recorded: Float64Array;
  invoked: Float64Array;
  spoolFile: Uint8Array;
  spoolOffset: Float64Array;
  spoolLength: Uint32Array;
  account: Uint32Array;
  region: Uint32Array;
  rule: Uint32Array;
  owner: Uint32Array;
  compliance: Uint8Array;

  #offered = 0;
  #sealedSize = -1;
  #txOpen = false;
  #txStartSize = 0;
  #txOffered = 0;
  /** Old values of slots replaced in the open transaction: slot followed by UNDO_FIELDS values. */
  #undo: number[] = [];

  /** @param memory where the columns live (growing the table asks it for new buffers). */
  constructor(memory: ColumnMemory = PLAIN_COLUMN_MEMORY) {
    this.#memory = memory;
    this.recorded = this.#float64('recorded', INITIAL_CAPACITY);
    this.invoked = this.#float64('invoked', INITIAL_CAPACITY);
    this.spoolFile = this.#uint8('spoolFile', INITIAL_CAPACITY);
    this.spoolOffset = this.#float64('spoolOffset', INITIAL_CAPACITY);
    this.spoolLength = this.#uint32('spoolLength', INITIAL_CAPACITY);
    this.account = this.#uint32('account', INITIAL_CAPACITY);
    this.region = this.#uint32('region', INITIAL_CAPACITY);
    this.rule = this.#uint32('rule', INITIAL_CAPACITY);
    this.owner = this.#uint32('owner', INITIAL_CAPACITY);
    this.compliance = this.#uint8('compliance', INITIAL_CAPACITY);
  }

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
    this.recorded = grow(this.recorded, this.#float64('recorded', capacity));
    this.invoked = grow(this.invoked, this.#float64('invoked', capacity));
    this.spoolFile = grow(this.spoolFile, this.#uint8('spoolFile', capacity));
    this.spoolOffset = grow(this.spoolOffset, this.#float64('spoolOffset', capacity));
    this.spoolLength = grow(this.spoolLength, this.#uint32('spoolLength', capacity));
    this.account = grow(this.account, this.#uint32('account', capacity));
    this.region = grow(this.region, this.#uint32('region', capacity));
    this.rule = grow(this.rule, this.#uint32('rule', capacity));
    this.owner = grow(this.owner, this.#uint32('owner', capacity));
    this.compliance = grow(this.compliance, this.#uint8('compliance', capacity));
  }

  #float64(column: WinnerColumn, length: number): Float64Array {
    return new Float64Array(this.#memory.buffer(column, length * Float64Array.BYTES_PER_ELEMENT));
  }
  #uint32(column: WinnerColumn, length: number): Uint32Array {
    return new Uint32Array(this.#memory.buffer(column, length * Uint32Array.BYTES_PER_ELEMENT));
  }
  #uint8(column: WinnerColumn, length: number): Uint8Array {
    return new Uint8Array(this.#memory.buffer(column, length));
  }
}

function grow<T extends Float64Array | Uint32Array | Uint8Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}
