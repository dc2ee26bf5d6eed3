/**
 * The canonical-layout shard parser, push-based so the same code runs in-process over a stream and
 * in a worker over message chunks. Line 1 is the header (validated at once), then one record per
 * line, then `]}`. Anything that does not fit asks for the streaming JSON parser (`fallback`);
 * a header that validates but belongs elsewhere is `rejected` outright.
 */
import type { ShardHeader } from '../../core/model.js';
import { decodeRecordLine, decodeShardHeaderLine, SHARD_CLOSER } from '../../core/shardCodec.js';
import { type CheckedRecord, validateRecord, validateShardHeader } from '../../core/shardSchema.js';
import { LineSplitter } from './lines.js';

/** Counts of one shard's records. */
export interface Tally {
  records: number;
  invalid: number;
  firstInvalid: string;
}

/** How a canonical read ended. */
export type CanonicalOutcome =
  | { kind: 'done'; header: ShardHeader; tally: Tally }
  | { kind: 'rejected'; reason: string }
  /** Not (or not entirely) in the canonical layout: try the streaming parser. */
  | { kind: 'fallback' };

/** Validates one raw record and hands it on, or counts it as invalid. */
export function offerRecord(
  raw: unknown,
  rawJson: string | null,
  where: string,
  onRecord: (checked: CheckedRecord, rawJson: string | null) => void,
  tally: Tally,
): void {
  const checked = validateRecord(raw);
  if (checked.ok) {
    onRecord(checked.value, rawJson);
    tally.records++;
  } else {
    if (tally.invalid === 0) tally.firstInvalid = `${where}: ${checked.reason}`;
    tally.invalid++;
  }
}

/** Parses one shard in the canonical layout from pushed chunks. */
export class CanonicalShardParser {
  readonly tally: Tally = { records: 0, invalid: 0, firstInvalid: '' };
  readonly #splitter: LineSplitter;
  #header: ShardHeader | null = null;
  #closed = false;
  #sawBytes = false;
  #result: CanonicalOutcome | null = null;

  constructor(
    readonly expected: { groupId: string; shardId: string },
    maxLineBytes: number,
    readonly onRecord: (checked: CheckedRecord, rawJson: string | null) => void,
  ) {
    this.#splitter = new LineSplitter(maxLineBytes, (line, lineNo) => this.#line(line, lineNo));
  }

  /** The outcome once known before the end of input (early reject or fallback), else null. */
  get early(): CanonicalOutcome | null {
    if (this.#result) return this.#result;
    return this.#splitter.state === 'too-long' ? { kind: 'fallback' } : null;
  }

  /** Feeds a chunk (ignored once the outcome is known). */
  push(chunk: Buffer): void {
    if (this.early === null) this.#splitter.push(chunk);
  }

  /** Ends the input and returns the outcome. */
  end(): CanonicalOutcome {
    const early = this.early;
    if (early) return early;
    const ended = this.#splitter.end();
    if (this.#result) return this.#result;
    if (ended === 'done' && !this.#sawBytes) return { kind: 'rejected', reason: 'empty file' };
    if (ended !== 'done' || this.#header === null || !this.#closed) return { kind: 'fallback' };
    return { kind: 'done', header: this.#header, tally: this.tally };
  }

  #line(line: Buffer, lineNo: number): boolean {
    this.#sawBytes ||= line.length > 0 || lineNo > 1;
    if (this.#header === null) {
      const raw = decodeShardHeaderLine(line.toString('utf8'));
      if (raw === null) return this.#stop({ kind: 'fallback' });
      const checked = validateShardHeader(raw, this.expected);
      if (!checked.ok) return this.#stop({ kind: 'rejected', reason: checked.reason });
      this.#header = checked.value;
      return true;
    }
    if (line.length === 0) return true;
    if (this.#closed) return this.#stop({ kind: 'fallback' });
    const text = line.toString('utf8');
    if (text === SHARD_CLOSER) {
      this.#closed = true;
      return true;
    }
    let raw: unknown;
    try {
      raw = decodeRecordLine(text);
    } catch {
      return this.#stop({ kind: 'fallback' });
    }
    offerRecord(raw, text, `line ${lineNo}`, this.onRecord, this.tally);
    return true;
  }

  #stop(result: CanonicalOutcome): false {
    this.#result = result;
    return false;
  }
}
