import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorKind, isErrorOfKind } from '../../../../src/core/errors.js';
import { forEachLine } from '../../../../src/modes/final/lines.js';
import { SpoolError, SpoolReader, SpoolWriter } from '../../../../src/modes/final/spool.js';
import { decodeSpoolLine, encodeSpoolLine } from '../../../../src/modes/final/spoolRecord.js';
import { formatTags } from '../../../../src/modes/final/tags.js';
import { record } from './factories.js';

describe('forEachLine', () => {
  const collect = async (chunks: string[], max = 1 << 20) => {
    const lines: string[] = [];
    const outcome = await forEachLine(Readable.from(chunks.map((c) => Buffer.from(c))), max, (line) => {
      lines.push(line.toString('utf8'));
      return true;
    });
    return { lines, outcome };
  };
  it('splits across chunk boundaries, drops CR before LF and keeps a last line without LF', async () => {
    expect(await collect(['ab', 'c\r\nde', 'f\n', '\ngh'])).toEqual({
      lines: ['abc', 'def', '', 'gh'],
      outcome: 'done',
    });
  });
  it('stops at a line longer than the limit without buffering it', async () => {
    expect((await collect(['0123456789', '0123456789', '\n'], 12)).outcome).toBe('too-long');
  });
});

describe('spool', () => {
  it('reads back exactly what was appended, in any order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 200 }),
        fc.integer(),
        (texts, seed) => {
          const dir = mkdtempSync(join(tmpdir(), 'spool-'));
          const writer = new SpoolWriter(join(dir, 's'));
          const offsets = new Float64Array(texts.length);
          const lengths = new Uint32Array(texts.length);
          texts.forEach((t, i) => {
            const place = i % 2 === 0 ? writer.appendText(t) : writer.append(Buffer.from(t));
            offsets[i] = place.offset;
            lengths[i] = place.length;
          });
          writer.close();
          const order = texts
            .map((_, i) => i)
            .sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
          const reader = new SpoolReader([writer.path]);
          const back = [...reader.read(order, new Uint8Array(texts.length), offsets, lengths)];
          reader.close();
          expect(back).toEqual(order.map((i) => [i, texts[i]]));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads records that were spooled near each other with one system call, whatever their order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const writer = new SpoolWriter(join(dir, 's'));
    const n = 5_000;
    const offsets = new Float64Array(n);
    const lengths = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const place = writer.appendText(`record ${i} ${'x'.repeat(i % 300)}`);
      offsets[i] = place.offset;
      lengths[i] = place.length;
    }
    writer.close();
    // Sorted output visits each account's records back and forth: here, blocks of 500 reversed.
    const order = Array.from({ length: n }, (_, k) => Math.floor(k / 500) * 500 + (499 - (k % 500)));
    const reader = new SpoolReader([writer.path]);
    const back = [...reader.read(order, new Uint8Array(n), offsets, lengths)];
    expect(back.map(([slot, text]) => text.startsWith(`record ${slot} `))).not.toContain(false);
    expect(back.map(([slot]) => slot)).toEqual(order);
    // About 800 KiB in all: a few 8 MiB-bounded reads, not one per record (5,000).
    expect(reader.reads).toBeLessThan(20);
    reader.close();
  });

  it('handles entries larger than its write buffer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const writer = new SpoolWriter(join(dir, 's'));
    const big = 'x'.repeat(3 << 20);
    const a = writer.appendText('small');
    const b = writer.appendText(big);
    writer.close();
    const reader = new SpoolReader([writer.path]);
    const back = [...reader.read([1, 0], [0, 0], [a.offset, b.offset], [a.length, b.length])];
    reader.close();
    expect(back.map(([, t]) => t.length)).toEqual([big.length, 5]);
  });

  it('opens a file only when it first reads from it, so an unused reader costs nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const writer = new SpoolWriter(join(dir, 's'));
    const a = writer.appendText('only');
    writer.close();
    const missing = join(dir, 'never-written');
    const unused = new SpoolReader([missing]);
    unused.close();
    const reader = new SpoolReader([writer.path, missing]);
    expect([...reader.read([0], [0], [a.offset], [a.length])]).toEqual([[0, 'only']]);
    expect(() => [...reader.read([0], [1], [0], [1])]).toThrow(/ENOENT/);
    reader.close();
  });

  it('fails the run with a SpoolError when a spool file holds less than the table says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const writer = new SpoolWriter(join(dir, 's'));
    const a = writer.appendText('short');
    writer.close();
    const reader = new SpoolReader([writer.path]);
    let thrown: unknown;
    try {
      for (const _ of reader.read([0], [0], [a.offset], [a.length + 10]));
    } catch (error) {
      thrown = error;
    }
    reader.close();
    expect(thrown).toBeInstanceOf(SpoolError);
    expect(isErrorOfKind(thrown, ErrorKind.Failed)).toBe(true);
    expect((thrown as Error).message).toMatch(/shorter than expected/);
  });
});

describe('spooled record lines', () => {
  it('carry every shown field and the owner', () => {
    const r = record({ annotation: 'a;b', tags: { 'mox.team': 'x', 'mox.owner': 'o' } });
    const line = encodeSpoolLine(r, 'o', JSON.stringify(r));
    expect(decodeSpoolLine(line)).toEqual({
      account_id: r.account_id,
      account_name: r.account_name,
      region: r.region,
      rule_name: r.rule_name,
      resource_type: r.resource_type,
      resource_id: r.resource_id,
      compliance_type: r.compliance_type,
      annotation: 'a;b',
      result_recorded_time: r.result_recorded_time,
      config_rule_invoked_time: r.config_rule_invoked_time,
      owner: 'o',
      tags: 'mox.owner=o; mox.team=x',
    });
  });
  it('fall back to JSON when a field contains the separator, from raw JSON or from fields', () => {
    const r = record({ resource_id: 'a\u0001b' });
    for (const raw of [JSON.stringify(r), null]) {
      const line = encodeSpoolLine(r, '', raw);
      expect(line.startsWith('[')).toBe(true);
      expect(decodeSpoolLine(line).resource_id).toBe('a\u0001b');
    }
  });
  it('formatTags sorts keys in code-unit order', () => {
    expect(formatTags({ b: '1', B: '2', a: '3' })).toBe('B=2; a=3; b=1');
    expect(formatTags({})).toBe('');
  });
});
