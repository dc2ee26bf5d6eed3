/**
 * Opens a workbook in LibreOffice (headless conversion to .ods) when LibreOffice is installed, as a
 * second independent consumer: it is stricter than ExcelJS about charts, conditional formats and
 * the `_xlnm._FilterDatabase` name. Skipped when `soffice` is not on the PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unzip, writeWorkbook } from './helpers.js';

const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
const dir = mkdtempSync(join(tmpdir(), 'xlsx-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!soffice)('LibreOffice opens the workbook', () => {
  it('keeps sheets, text, charts, conditional formats and filters', async () => {
    // Prepare
    const { file } = await writeWorkbook(async (wb) => {
      const s = await wb.addSheet({
        name: "Bob's Summary",
        columns: [{ header: 'Env' }, { header: 'Ratio', style: 'percent' }],
        conditional: [{ kind: 'trafficLight', column: 1, red: 0.8, yellow: 0.95 }],
        charts: [
          {
            type: 'column',
            title: 'By env',
            categories: { col: 0, firstRow: 1, lastRow: 2 },
            series: [{ name: 'Ratio', values: { col: 1, firstRow: 1, lastRow: 2 } }],
            anchor: { fromCol: 3, fromRow: 0, toCol: 9, toRow: 12 },
          },
        ],
      });
      await s.addRow(['Prod', 0.97]);
      await s.addRow(['Non-Prod', 0.5]);
      await s.close();
      const d = await wb.addSplitSheet({
        name: 'Details',
        rowLimit: 2,
        columns: [{ header: 'Text' }, { header: 'Status' }],
        conditional: [{ kind: 'textEquals', column: 1, matches: [{ value: 'NON_COMPLIANT', fill: 'bad' }] }],
      });
      for (const t of ['=1+2', '@SUM(A1)', 'ctrl\u0001x', 'literal _x0041_ stays'])
        await d.addRow([t, 'NON_COMPLIANT']);
      await d.close();
    });
    writeFileSync(join(dir, 'book.xlsx'), file);
    // Act: a private profile directory, so parallel runs do not share LibreOffice's lock.
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'ods',
        '--outdir',
        dir,
        join(dir, 'book.xlsx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    // Assess
    const ods = unzip(readFileSync(join(dir, 'book.ods')));
    const content = ods.get('content.xml') ?? '';
    const tables = [...content.matchAll(/<table:table table:name="([^"]*)"/g)].map((m) => m[1]);
    expect(tables).toEqual(['Bob&apos;s Summary', 'Details', 'Details (2)']);
    expect([...ods.keys()].filter((k) => /^Object \d+\/content\.xml$/.test(k))).toHaveLength(1);
    expect(content.match(/<calcext:conditional-format /g)).toHaveLength(3);
    expect(content.match(/<table:database-range /g)).toHaveLength(3);
    for (const text of ['=1+2', '@SUM(A1)', 'ctrlx', 'literal _x0041_ stays']) {
      expect(content).toContain(`<text:p>${text}</text:p>`);
    }
    expect(content).not.toContain('table:formula');
  }, 120_000);
});
