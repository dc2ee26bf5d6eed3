/**
 * Benchmark of final mode (`npm run bench:report`): N records (default 1,000,000) in S shards
 * (default 200) built from the simulator's synthetic org generator, written in the canonical shard
 * layout into a LocalStore folder; then, each in its own child process so peak RSS is its own:
 *   1. `final`   — runFinal end to end (read, dedupe, stats, workbook, CSV, summary JSON);
 *   2. `ours`    — the Details sheet alone with our streaming writer (same input loop);
 *   3. `exceljs` — the Details sheet alone with ExcelJS's streaming WorkbookWriter.
 * Prints wall time, peak RSS (process.resourceUsage().maxRSS) and file size of each.
 *
 *   npm run bench:report -- [--records N] [--shards S] [--keep | --reuse DIR]
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { generateOrg } from '../simulator/index.js';
import { defaultSettings } from '../src/app/settings/load.js';
import { ageInDays, isStale } from '../src/core/age.js';
import type { FinalEvent } from '../src/core/event.js';
import { silentLogger } from '../src/core/logger.js';
import type { ComplianceRecord, ShardFile } from '../src/core/model.js';
import { decodeRecordLine, encodeShard } from '../src/core/shardCodec.js';
import { forEachLine } from '../src/modes/final/lines.js';
import { formatTags, UNTAGGED } from '../src/modes/final/tags.js';
import { runFinal } from '../src/modes/final.js';
import { DETAIL_COLUMNS } from '../src/report/columns.js';
import type { DetailRow } from '../src/report/model.js';
import { createWorkbookWriter } from '../src/report/xlsx/index.js';
import { LocalStore } from '../src/store/LocalStore.js';

const GROUP = '2026-01-01';
/** The final child's clock: the report time ages are measured to. */
const REPORT_TIME = '2026-01-02T06:00:00Z';
const SELF = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

interface Measured {
  wallMs: number;
  /** User + system CPU of the whole process (all threads). */
  cpuMs: number;
  maxRssMb: number;
  bytes: number;
  rows?: number;
  extra?: Record<string, unknown>;
}

/** Builds S shard files with exactly N records from the synthetic org (accounts in org order). */
async function generateShards(root: string, records: number, shards: number): Promise<{ accounts: number }> {
  // ~495 evaluations per account-region at 190 resources: 1,001 accounts × 2 regions cover 1M.
  const perAr = 495;
  const accountsNeeded = Math.ceil(records / (perAr * 2) / 0.97) + 1;
  const org = generateOrg({ accounts: accountsNeeded, seed: 42, resourcesPerRegion: 190, cacheSize: 8 });
  const accounts = org.accounts.filter((a) => a.accountId !== org.hubAccountId && a.state === 'ACTIVE');
  const perShard = Math.ceil(accounts.length / shards);
  const dir = join(root, 'batches', GROUP);
  await mkdir(dir, { recursive: true });
  let written = 0;
  for (let s = 0; s < shards; s++) {
    const shardId = String(s).padStart(3, '0');
    const file: ShardFile = {
      schema_version: 1,
      group_id: GROUP,
      shard_id: shardId,
      started_at: '2026-01-01T00:00:00.000Z',
      finished_at: '2026-01-01T00:10:00.000Z',
      tag_prefix: 'mox.',
      accounts: [],
      rules: [],
      records: [],
    };
    for (const account of accounts.slice(s * perShard, (s + 1) * perShard)) {
      const regions = [];
      for (const region of org.regions) {
        const data = org.regionData(account.accountId, region);
        let count = 0;
        data.rules.forEach((rule, i) => {
          file.rules.push({
            account_id: account.accountId,
            region,
            rule_name: rule.name,
            source_owner: rule.owner,
            source_identifier: rule.sourceIdentifier,
            state: 'ACTIVE',
            description: rule.description,
          });
          if (rule.visibility === 'INTERNAL') return;
          for (const e of data.evaluations[i]!) {
            if (written >= records) return;
            file.records.push(toRecord(account.accountId, account.name, region, rule.name, e));
            written++;
            count++;
          }
        });
        regions.push({
          region,
          status: 'OK' as const,
          rules_count: data.rules.length,
          records_count: count,
          throttles: 0,
          duration_ms: 1000,
        });
      }
      file.accounts.push({
        account_id: account.accountId,
        account_name: account.name,
        environment: 'Unclassified',
        environment_source: 'none',
        tags: account.tags,
        regions,
      });
    }
    const out = createWriteStream(join(dir, `${shardId}.json`));
    for (const line of encodeShard(file))
      if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
    out.end();
    await finished(out);
  }
  if (written !== records)
    throw new Error(`generated ${written} records, wanted ${records}: raise resourcesPerRegion`);
  return { accounts: accounts.length };
}

function toRecord(
  accountId: string,
  name: string,
  region: string,
  rule: string,
  e: ReturnType<ReturnType<typeof generateOrg>['regionData']>['evaluations'][number][number],
): ComplianceRecord {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.resource.tags)) if (k.startsWith('mox.')) tags[k] = v;
  return {
    account_id: accountId,
    account_name: name,
    region,
    rule_name: rule,
    resource_type: e.resource.type,
    resource_id: e.resource.id,
    compliance_type: e.complianceType,
    annotation: e.annotation ?? '',
    result_recorded_time: new Date(e.resultRecordedTime).toISOString(),
    config_rule_invoked_time: new Date(e.configRuleInvokedTime).toISOString(),
    tags,
  };
}

/** Every record of every shard, in key and line order (the Details-only children's input). */
async function* readAllRecords(root: string): AsyncGenerator<ComplianceRecord[]> {
  const dir = join(root, 'batches', GROUP);
  for (const name of (await readdir(dir)).sort()) {
    const batch: ComplianceRecord[] = [];
    await forEachLine(createReadStream(join(dir, name)), 1 << 28, (line, n) => {
      const text = line.toString('utf8');
      if (n > 1 && text !== ']}' && text !== '') batch.push(decodeRecordLine(text) as ComplianceRecord);
      return true;
    });
    yield batch;
  }
}

function detailRow(r: ComplianceRecord): DetailRow {
  const recordedMs = Date.parse(r.result_recorded_time);
  const reportMs = Date.parse(REPORT_TIME);
  return {
    accountId: r.account_id,
    accountName: r.account_name,
    environment: 'Unclassified',
    region: r.region,
    ruleName: r.rule_name,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    compliance: r.compliance_type,
    annotation: r.annotation,
    recordedIso: r.result_recorded_time,
    recordedMs,
    invokedIso: r.config_rule_invoked_time,
    invokedMs: Date.parse(r.config_rule_invoked_time),
    ageDays: ageInDays(recordedMs, reportMs),
    stale: isStale(recordedMs, reportMs, 7),
    owner: r.tags['mox.owner'] ?? UNTAGGED,
    tags: formatTags(r.tags),
  };
}

async function child(role: string, root: string): Promise<Measured> {
  const started = performance.now();
  if (role === 'final') {
    const store = new LocalStore(join(root, 'store'));
    const temp = join(root, 'tmp');
    await mkdir(temp, { recursive: true });
    const event: FinalEvent = { mode: 'final', group_id: GROUP };
    const result = await runFinal(event, {
      store,
      prefix: '',
      logger: silentLogger,
      clock: () => new Date(REPORT_TIME),
      settings: defaultSettings().final,
      tempDir: temp,
    });
    const wallMs = performance.now() - started;
    return {
      wallMs,
      cpuMs: cpuMs(),
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      bytes: (await stat(join(root, 'store', result.keys.xlsx))).size,
      rows: result.summary.records.unique,
      extra: {
        csvGzBytes: (await stat(join(root, 'store', result.keys.csvGz))).size,
        sheets: result.summary.outputs.sheets.length,
        nonCompliant: result.summary.records.non_compliant,
      },
    };
  }
  const out = join(root, `details-${role}.xlsx`);
  let rows = 0;
  if (role === 'ours') {
    const file = createWriteStream(out);
    const wb = createWorkbookWriter(file);
    const sheet = await wb.addSplitSheet({ name: 'Details', columns: DETAIL_COLUMNS.map((c) => c.spec) });
    for await (const batch of readAllRecords(join(root, 'store'))) {
      for (const r of batch) {
        const row = detailRow(r);
        await sheet.addRow(DETAIL_COLUMNS.map((c) => c.cell(row)));
        rows++;
      }
    }
    await sheet.close();
    await wb.finalize();
  } else {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const ws = wb.addWorksheet('Details', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = DETAIL_COLUMNS.map((c) => ({
      header: c.spec.header,
      width: c.spec.width ?? 12,
      ...(c.spec.style === 'datetime' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
    }));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: DETAIL_COLUMNS.length } };
    for await (const batch of readAllRecords(join(root, 'store'))) {
      for (const r of batch) {
        const row = detailRow(r);
        ws.addRow(DETAIL_COLUMNS.map((c) => c.cell(row))).commit();
        rows++;
      }
    }
    ws.commit();
    await wb.commit();
  }
  return {
    wallMs: performance.now() - started,
    cpuMs: cpuMs(),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    bytes: (await stat(out)).size,
    rows,
  };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function runChild(role: string, root: string): Measured {
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', SELF, '--child', role, root],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 20,
    },
  );
  if (result.status !== 0) throw new Error(`child ${role} failed with status ${result.status}`);
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Measured;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const role = flag('--child');
  if (role) {
    process.stdout.write(`${JSON.stringify(await child(role, args[args.indexOf('--child') + 2]!))}\n`);
    return;
  }
  const records = Number(flag('--records') ?? 1_000_000);
  const shards = Number(flag('--shards') ?? 200);
  // --reuse DIR: run on the input a previous `--keep` run left (generation takes a while).
  const reuse = flag('--reuse');
  const root = reuse ?? (await mkdtemp(join(tmpdir(), 'configreport-bench-report-')));
  try {
    const t = performance.now();
    await rm(join(root, 'store', 'reports'), { recursive: true, force: true });
    const { accounts } = reuse
      ? { accounts: Number.NaN }
      : await generateShards(join(root, 'store'), records, shards);
    let shardBytes = 0;
    for (const f of await readdir(join(root, 'store', 'batches', GROUP)))
      shardBytes += (await stat(join(root, 'store', 'batches', GROUP, f))).size;
    console.log(
      `input: ${records.toLocaleString('en-US')} records, ${shards} shards, ${Number.isNaN(accounts) ? 'reused input' : `${accounts} accounts`}, ${mb(shardBytes)} of shard JSON (generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    const rows: [string, Measured][] = [
      ['final mode, end to end (runFinal)', runChild('final', root)],
      ['Details only, our streaming writer', runChild('ours', root)],
      ['Details only, ExcelJS WorkbookWriter', runChild('exceljs', root)],
    ];
    const os = await import('node:os');
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(
      `node ${process.version}, ${os.cpus().length} CPUs, load average ${load} (other work on the machine inflates wall time)`,
    );
    console.log('| run | wall | CPU (all threads) | peak RSS | xlsx size | rows |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, m] of rows) {
      const cells = [
        name,
        `${(m.wallMs / 1000).toFixed(1)} s`,
        `${(m.cpuMs / 1000).toFixed(1)} s`,
        `${m.maxRssMb.toFixed(0)} MB`,
        mb(m.bytes),
        (m.rows ?? 0).toLocaleString('en-US'),
      ];
      console.log(`| ${cells.join(' | ')} |`);
    }
    const final = rows[0]![1];
    console.log(`final extras: ${JSON.stringify(final.extra)}`);
    console.log(
      `target ≤ 30 s and ≤ 768 MB: ${final.wallMs <= 30_000 && final.maxRssMb <= 768 ? 'met' : 'NOT met'} (${(final.wallMs / 1000).toFixed(1)} s, ${final.maxRssMb.toFixed(0)} MB)`,
    );
  } finally {
    if (!args.includes('--keep') && !reuse) await rm(root, { recursive: true, force: true });
    else console.log(`kept ${root}`);
  }
}

await main();
