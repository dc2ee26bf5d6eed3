/**
 * Vitest global setup: every test run gets its own temp root (TMPDIR, which `os.tmpdir()` reads), removed
 * when the run ends. CDK writes a `cdk.out*` folder per synthesis and several tests make scratch folders;
 * without this each `npm test` left a dozen folders in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'configreport-test-'));
  // Set before the test workers are forked, so they inherit it.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
