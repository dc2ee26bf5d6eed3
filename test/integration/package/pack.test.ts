/**
 * The npm package, as a user gets it: `npm pack` → install the tarball into an empty folder →
 * `npx configreport demo --out <dir> --quiet` there → the workbook exists, written by the compiled
 * code (final mode's worker threads run dist/'s worker.js; the S3 simulator child runs child.js).
 *
 * How, and why:
 * - `npm pack` runs in a copy of the checkout (its node_modules linked), because `prepack` rebuilds
 *   dist/: in the checkout itself that would swap the code under the CLI tests running beside this
 *   one, and leave a build behind.
 * - The install is a real one, of the runtime dependencies only (a dependency wrongly listed as a
 *   devDependency fails here), and deterministic: the empty folder gets a package-lock.json made
 *   from ours (the package plus every non-development entry of our lockfile, at the same paths), and
 *   `npm ci --prefer-offline` installs exactly those versions, from npm's cache when it has them (it
 *   does after our own `npm ci`). A plain `npm install <tarball>` would resolve the semver ranges
 *   again, against whatever the registry (or a stale cached index) says that day. Linking our
 *   node_modules instead would be faster but would hide missing dependencies.
 * - About 1–2 minutes on a loaded 2-core machine (build, install, demo): hence the long timeout.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildResult, childEnv, runChild } from '../../helpers/childProcess.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const LOG_WORKERS = resolve(import.meta.dirname, 'fixtures/logWorkers.mjs');
/** What the checkout has that npm pack never reads (build output, installs, git). */
const NOT_COPIED = new Set(['node_modules', 'dist', 'out', 'cdk.out', 'coverage', '.tmp', '.git']);
const TIMEOUT_MS = 600_000;

interface LockEntry {
  dev?: boolean;
  [field: string]: unknown;
}
interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}

let work: string;

beforeAll(async () => {
  // The real path: worker entries are logged as the file URLs Node resolved.
  work = await realpath(await mkdtemp(join(tmpdir(), 'package-')));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function expectSuccess(what: string, result: ChildResult): void {
  expect(result.code, `${what} failed:\n${result.stdout}\n${result.stderr}`).toBe(0);
}

/** A copy of the checkout to pack from, with the same node_modules (the build needs tsc). */
function copyCheckout(into: string): void {
  cpSync(ROOT, into, {
    recursive: true,
    filter: (source) => source === ROOT || !NOT_COPIED.has(source.slice(ROOT.length + 1).split('/')[0] ?? ''),
  });
  symlinkSync(join(ROOT, 'node_modules'), join(into, 'node_modules'), 'dir');
}

/**
 * The lockfile of a project whose only dependency is the tarball: our lockfile's runtime packages,
 * at the places our own install put them, under the package's own entry.
 */
function consumerLockfile(tarball: string): Lockfile {
  const ours = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  const self = ours.packages['']!;
  const spec = `file:${tarball}`;
  const packages: Record<string, LockEntry> = {
    '': { dependencies: { configreport: spec } },
    'node_modules/configreport': {
      version: self.version,
      resolved: spec,
      license: self.license,
      dependencies: self.dependencies,
      bin: self.bin,
      engines: self.engines,
    },
  };
  for (const [path, entry] of Object.entries(ours.packages)) {
    if (path !== '' && !entry.dev) packages[path] = entry;
  }
  return { lockfileVersion: ours.lockfileVersion, packages };
}

describe('the npm package', () => {
  it(
    'installs from its tarball and runs the demo from compiled code, worker threads included',
    async () => {
      const checkout = join(work, 'checkout');
      copyCheckout(checkout);
      const packed = await runChild('npm', ['pack', '--pack-destination', work], {
        cwd: checkout,
        env: childEnv(),
      });
      expectSuccess('npm pack', packed);
      const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
      expect(tarball, packed.stdout).toMatch(/^configreport-.*\.tgz$/);

      const user = join(work, 'user');
      mkdirSync(user);
      cpSync(join(work, tarball!), join(user, tarball!));
      const lock = consumerLockfile(tarball!);
      writeFileSync(
        join(user, 'package.json'),
        `${JSON.stringify({ private: true, ...lock.packages[''] })}\n`,
      );
      writeFileSync(
        join(user, 'package-lock.json'),
        `${JSON.stringify({ name: 'user', ...lock }, null, 2)}\n`,
      );
      const installed = await runChild('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
        cwd: user,
        env: childEnv(),
      });
      expectSuccess('npm ci of the tarball', installed);

      // Only what the package needs at run time: compiled code, no sources, no tests, no tsx.
      const pkg = join(user, 'node_modules/configreport');
      expect(existsSync(join(pkg, 'dist/src/entry/cli.js'))).toBe(true);
      expect(existsSync(join(pkg, 'dist/src/modes/final/engine/worker.js'))).toBe(true);
      for (const absent of ['src', 'test', 'simulator', 'dist/build-stamp.json', 'node_modules/tsx']) {
        expect(existsSync(join(pkg, absent)), absent).toBe(false);
      }
      expect(existsSync(join(user, 'node_modules/tsx'))).toBe(false);

      const workerLog = join(work, 'workers.log');
      const demo = await runChild('npx', ['configreport', 'demo', '--out', 'demo', '--quiet'], {
        cwd: user,
        env: childEnv({
          REPORT_WORKERS: '2',
          WORKER_LOG: workerLog,
          NODE_OPTIONS: `--import ${LOG_WORKERS}`,
        }),
      });
      expectSuccess('npx configreport demo', demo);
      const reports = join(user, 'demo/reports');
      const workbook = readdirSync(reports).find((name) => /^ConfigRule_\d{4}-\d{2}-\d{2}\.xlsx$/.test(name));
      expect(workbook, readdirSync(reports).join(', ')).toBeDefined();
      expect((await stat(join(reports, workbook!))).size).toBeGreaterThan(10_000);
      expect(demo.stdout.trim()).toBe(join(reports, workbook!));

      // Final mode ran its workers from the package's compiled worker.js, never from source.
      const entries = (await readFile(workerLog, 'utf8')).trim().split('\n');
      expect(entries.length).toBeGreaterThanOrEqual(2);
      const workerUrl = `file://${join(pkg, 'dist/src/modes/final/engine/worker.js')}`;
      expect(new Set(entries)).toEqual(new Set([workerUrl]));
    },
    TIMEOUT_MS,
  );
});
