import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DOC_PATH,
  describeDefault,
  describeRule,
  END_MARKER,
  extractGenerated,
  renderSettingsReference,
  replaceGenerated,
  START_MARKER,
} from '../../../scripts/settingsDocs.js';
import { row, type SettingRow } from '../../../src/app/settings/row.js';
import { SETTINGS } from '../../../src/app/settings/table.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIX = 'run `npm run docs:settings -- --write` and commit docs/configuration.md';

/**
 * Variables with our prefixes that the docs may name although they are not settings. Keep it short:
 * anything else the docs name must be a row of the settings table.
 */
const NOT_SETTINGS = new Set([
  // Where the settings are (the config file's path): read before any setting can be.
  'CONFIGREPORT_CONFIG',
  // docs/architecture.md's worked example of adding a setting.
  'REPORT_OWNERS_ROW_LIMIT',
]);

/** Our prefixes: the same ones the CDK app refuses unknown variables of (infra/lib/settings.ts). */
const OUR_VARIABLE = /\b(?:CONFIGREPORT|REPORT|PLAN|ORGANIZATIONS)_[A-Z0-9_]*[A-Z0-9]/g;

function documentedVariables(): Map<string, string[]> {
  const files = [
    ...readdirSync(join(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
    'README.md',
  ];
  const found = new Map<string, string[]>();
  for (const file of files)
    for (const [name] of readFileSync(join(ROOT, file), 'utf8').matchAll(OUR_VARIABLE))
      found.set(name, [...new Set([...(found.get(name) ?? []), file])]);
  return found;
}

describe('docs/configuration.md', () => {
  it('has the settings reference the table renders today', () => {
    const current = extractGenerated(readFileSync(DOC_PATH, 'utf8'));
    expect(current, `docs/configuration.md's settings reference is out of date: ${FIX}`).toBe(
      renderSettingsReference(),
    );
  });

  it('has one table row per setting', () => {
    const lines = renderSettingsReference()
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(lines).toHaveLength(Object.keys(SETTINGS).length);
    for (const spec of Object.values(SETTINGS) as SettingRow[])
      expect(lines.filter((line) => line.startsWith(`| \`${spec.env[0]}\``))).toHaveLength(1);
  });

  it('names only variables that are settings (or listed as not settings)', () => {
    const settings = new Set((Object.values(SETTINGS) as SettingRow[]).flatMap((spec) => spec.env));
    const unknown = [...documentedVariables()]
      .filter(([name]) => !settings.has(name) && !NOT_SETTINGS.has(name))
      .map(([name, files]) => `${name} (${files.join(', ')})`);
    expect(unknown, 'the docs name variables that are not settings: fix the docs or the table').toEqual([]);
  });

  it('still names every allow-listed variable (a stale entry would hide a removed one)', () => {
    const documented = documentedVariables();
    for (const name of NOT_SETTINGS) expect(documented.has(name), name).toBe(true);
  });
});

describe('the settings docs script', () => {
  it('replaces only the text between the markers', () => {
    const doc = `# Title\n\nbefore\n\n${START_MARKER}\nold table\n${END_MARKER}\n\nafter\n`;
    const next = replaceGenerated(doc, 'new table');
    expect(next).toBe(`# Title\n\nbefore\n\n${START_MARKER}\n\nnew table\n\n${END_MARKER}\n\nafter\n`);
    expect(extractGenerated(next)).toBe('new table');
    expect(replaceGenerated(next, 'new table')).toBe(next);
  });

  it('refuses a document without the markers', () => {
    expect(() => extractGenerated('# no markers\n')).toThrow(/settings:start/);
    expect(() => replaceGenerated(`${END_MARKER}\n${START_MARKER}\n`, 'x')).toThrow(/settings:start/);
  });

  it('describes computed and absent defaults in words', () => {
    expect(describeDefault('regions', SETTINGS.regions)).toBe('the hub region (`region`)');
    expect(describeDefault('reportWorkers', SETTINGS.reportWorkers)).toMatch(/one per CPU, at most 4/);
    expect(describeDefault('region', SETTINGS.region)).toBe('Lambda: **required**; CLI: `us-east-1`');
    expect(describeDefault('prefix', SETTINGS.prefix)).toBe('`""`');
    expect(describeDefault('excludeAccounts', SETTINGS.excludeAccounts)).toBe('none');
    expect(describeDefault('externalId', SETTINGS.externalId)).toBe('none');
  });

  it('derives ranges and choices from the schemas', () => {
    expect(describeRule('shardSize', SETTINGS.shardSize)).toBe('whole number 1–1000');
    expect(describeRule('ratePerSecond', SETTINGS.ratePerSecond)).toBe('0.1–100');
    expect(describeRule('httpClient', SETTINGS.httpClient)).toBe('`undici` or `node`');
    expect(describeRule('tagPrefix', SETTINGS.tagPrefix)).toBe('1–128 characters');
    expect(describeRule('regions', SETTINGS.regions)).toMatch(/^1–40 entries; region names/);
  });

  it('refuses a computed default without words, and a rule it cannot see', () => {
    const computed = row({
      env: ['CONFIGREPORT_EXAMPLE'],
      file: 'example',
      kind: 'number',
      schema: z.number(),
      fallback: () => 1,
      to: ['run.example'],
      description: 'an example',
    });
    expect(() => describeDefault('example', computed)).toThrow(/defaultText/);
    const opaque = { ...computed, schema: z.string().refine((v) => v.startsWith('x')) };
    expect(() => describeRule('example', opaque)).toThrow(/rule text/);
    expect(describeRule('example', { ...opaque, rule: 'starts with `x`' })).toBe('starts with `x`');
  });

  it('is what `npm run docs:settings` runs', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['docs:settings']).toBe('tsx scripts/settingsDocs.ts');
  });
});
