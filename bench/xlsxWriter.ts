/**
 * Micro-benchmark of the streaming xlsx writer alone: 1,000,000 rows × 12 columns (strings,
 * numbers, dates, a traffic-light column) into a file, then wall time, peak RSS and file size.
 *
 *   npx tsx bench/xlsxWriter.ts [rows] [--level N] [--out file.xlsx]
 *
 * Rows are built from small pools so the generator costs little next to the writer; the pools are
 * varied enough (unique resource ids, long annotations) that deflate does real work.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkbookWriter } from '../src/report/xlsx/index.js';
import type { CellValue } from '../src/report/xlsx/types.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const level = Number(flag('--level') ?? 6);
const out = flag('--out') ?? join(tmpdir(), 'configreport-bench', 'xlsxWriter.xlsx');

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];
const RULES = Array.from(
  { length: 40 },
  (_, i) => `org-rule-${['s3', 'iam', 'ec2', 'rds', 'kms'][i % 5]}-${i}`,
);
const TYPES = [
  'AWS::S3::Bucket',
  'AWS::IAM::Role',
  'AWS::EC2::Instance',
  'AWS::RDS::DBInstance',
  'AWS::KMS::Key',
];
const COMPLIANCE = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'INSUFFICIENT_DATA'];
const ACCOUNTS = Array.from({ length: 500 }, (_, i) => ({
  id: String(100000000000 + i * 7919),
  name: `${i % 3 === 0 ? 'prod' : 'dev'}-workload-${i}`,
}));
const ANNOTATIONS = Array.from(
  { length: 64 },
  (_, i) =>
    `Resource does not satisfy control ${i}: encryption at rest is not enabled for this resource (${i * 31})`,
);
const OWNERS = ['team-payments', 'team-identity', 'team-data', 'platform', ''];
const base = Date.UTC(2025, 0, 15, 6, 0, 0);

function row(i: number): CellValue[] {
  const acct = ACCOUNTS[i % ACCOUNTS.length]!;
  const c = COMPLIANCE[(i * 7) % 4]!;
  return [
    acct.id,
    acct.name,
    REGIONS[i % REGIONS.length]!,
    RULES[(i >> 3) % RULES.length]!,
    TYPES[i % TYPES.length]!,
    `arn:aws:s3:::bucket-${acct.id}-${i.toString(36)}`,
    c,
    c === 'NON_COMPLIANT' ? ANNOTATIONS[i % ANNOTATIONS.length]! : null,
    new Date(base - (i % 86_400) * 1000),
    new Date(base - (i % 3_600) * 60_000),
    OWNERS[i % OWNERS.length]!,
    (i % 1000) / 1000,
  ];
}

await mkdir(join(out, '..'), { recursive: true });
const started = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const file = createWriteStream(out);
const wb = createWorkbookWriter(file, { compressionLevel: level });
const sheet = await wb.addSplitSheet({
  name: 'Details',
  columns: [
    { header: 'Account ID', width: 15 },
    { header: 'Account', width: 24 },
    { header: 'Region', width: 14 },
    { header: 'Rule', width: 28 },
    { header: 'Resource type', width: 22 },
    { header: 'Resource ID', width: 50 },
    { header: 'Compliance', width: 18 },
    { header: 'Annotation', width: 60 },
    { header: 'Result recorded', width: 20, style: 'datetime' },
    { header: 'Rule invoked', width: 20, style: 'datetime' },
    { header: 'Owner', width: 18 },
    { header: 'Score', width: 10, style: 'percent' },
  ],
  conditional: [
    {
      kind: 'textEquals',
      column: 6,
      matches: [
        { value: 'NON_COMPLIANT', fill: 'bad' },
        { value: 'COMPLIANT', fill: 'good' },
      ],
    },
    { kind: 'trafficLight', column: 11, red: 0.8, yellow: 0.95 },
  ],
});
let peakHeap = 0;
for (let i = 0; i < rows; i++) {
  await sheet.addRow(row(i));
  if ((i & 0xffff) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
await sheet.close();
await wb.finalize();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuStart);
const size = (await stat(out)).size;
const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
console.log(
  JSON.stringify({
    rows,
    columns: 12,
    compressionLevel: level,
    sheets: sheet.names,
    wallSeconds: Number(seconds.toFixed(2)),
    // CPU of the whole process (main thread + zlib threads): a fairer figure on a busy machine.
    cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    peakRssMB: Number(mb(process.resourceUsage().maxRSS * 1024)),
    peakHeapUsedMB: Number(mb(peakHeap)),
    fileMB: Number(mb(size)),
    file: out,
  }),
);
