import { describe, expect, it, vi } from 'vitest';
import type { WorkbookWriter } from '../../../../src/report/xlsx/index.js';
import { inTimeZone, part, unzip, unzipEntries, writeWorkbook } from './helpers.js';

async function build(wb: WorkbookWriter): Promise<void> {
  const s = await wb.addSheet({
    name: 'Data',
    columns: [{ header: 'when', style: 'datetime' }, { header: 'n' }],
    charts: [
      {
        type: 'pie',
        title: 'n',
        categories: { col: 0, firstRow: 1, lastRow: 2 },
        series: [{ name: 'n', values: { col: 1, firstRow: 1, lastRow: 2 } }],
        anchor: { fromCol: 3, fromRow: 1, toCol: 6, toRow: 8 },
      },
    ],
  });
  await s.addRow([new Date('2025-01-15T00:00:00Z'), 1]);
  await s.addRow([new Date('2025-01-16T00:00:00Z'), 2]);
  await s.close();
}

describe('deterministic output', () => {
  it('gives byte-identical files for the same input, whatever the clock and time zone', async () => {
    // Prepare / Act: two clocks a year and a half apart (only Date is faked; zlib runs as usual).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2025-01-15T06:30:15Z'));
      const a = await inTimeZone('UTC', () => writeWorkbook(build));
      vi.setSystemTime(new Date('2026-07-04T21:47:33Z'));
      const b = await inTimeZone('America/New_York', () => writeWorkbook(build));
      // Assess
      expect(b.file.equals(a.file)).toBe(true);
      expect(part(unzip(a.file), 'docProps/core.xml')).not.toContain('dcterms:created');
      const entry = unzipEntries(a.file)[0]!;
      expect(entry.dosDate).toBe(0x21); // 1980-01-01
      expect(entry.dosTime).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stamps a given created date in docProps and, as UTC wall time, on the zip entries', async () => {
    const created = new Date('2025-01-15T06:30:14Z');
    // Not UTC (and not a whole-hour offset), or local and UTC fields would look the same.
    const { file } = await inTimeZone('Asia/Kolkata', () =>
      writeWorkbook(async (wb) => {
        wb.setProperties({ created });
        await build(wb);
      }),
    );
    expect(part(unzip(file), 'docProps/core.xml')).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-15T06:30:14Z</dcterms:created>',
    );
    const entry = unzipEntries(file)[0]!;
    expect(entry.dosDate).toBe(((2025 - 1980) << 9) | (1 << 5) | 15);
    expect(entry.dosTime).toBe((6 << 11) | (30 << 5) | 7);
  });

  it('deflates every part', async () => {
    const { file } = await writeWorkbook(build);
    expect(unzipEntries(file).every((e) => e.method === 8)).toBe(true);
  });
});
