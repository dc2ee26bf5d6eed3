/**
 * The AWS SDK's Node-version support notice (8 lines on stderr before every command on Node < 22) is
 * not printed by the CLI, while every other warning still is. The SDK emits it as a plain `Warning`
 * whose message starts with `NodeVersionSupportWarning:`; a preload makes each child report Node 20,
 * so the real notice is emitted whatever Node.js runs the tests.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSdkNodeVersionNotice } from '../../../bin/lib/warnings.js';
import { childEnv, runChild } from '../../helpers/childProcess.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const AS_NODE_20 = resolve(import.meta.dirname, 'fixtures/asNode20.mjs');
const NOTICE = 'NodeVersionSupportWarning';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdk-notice-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Evaluates `code` (ESM) in a child reporting Node 20, with the repository's packages. */
function evalAsNode20(code: string) {
  const args = ['--import', AS_NODE_20, '--input-type=module', '-e', code];
  return runChild(process.execPath, args, { cwd: ROOT, env: childEnv() });
}

const MAKE_SDK_CLIENT =
  "const { STSClient } = await import('@aws-sdk/client-sts'); new STSClient({ region: 'us-east-1' });";

describe("the SDK's Node-version notice", () => {
  it('is emitted by the SDK as a plain Warning when nothing filters it (the preload works)', async () => {
    const result = await evalAsNode20(MAKE_SDK_CLIENT);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`Warning: ${NOTICE}: The AWS SDK for JavaScript (v3)`);
  });

  it("is dropped by the CLI's warning filter, which still prints every other warning", async () => {
    const result = await evalAsNode20(
      "const { filterProcessWarnings } = await import('./bin/lib/warnings.js');" +
        'filterProcessWarnings({ quiet: false });' +
        "process.emitWarning('another warning, still shown');" +
        MAKE_SDK_CLIENT,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Warning: another warning, still shown');
    expect(result.stderr).not.toContain(NOTICE);
  });

  it('is matched by its message, and nothing else is', () => {
    const notice = new Error(`${NOTICE}: The AWS SDK for JavaScript (v3)\nversions published after …`);
    notice.name = 'Warning';
    expect(isSdkNodeVersionNotice(notice)).toBe(true);
    const other = new Error(`Something else, mentioning ${NOTICE} later`);
    other.name = 'Warning';
    expect(isSdkNodeVersionNotice(other)).toBe(false);
    const deprecation = new Error('Buffer() is deprecated');
    deprecation.name = 'DeprecationWarning';
    expect(isSdkNodeVersionNotice(deprecation)).toBe(false);
  });

  it('does not show when the CLI runs a command that builds SDK clients (demo, not --quiet)', async () => {
    const out = join(dir, 'demo');
    const args = ['--import', AS_NODE_20, join(ROOT, 'bin/configreport.js'), 'demo'];
    const flags = ['--accounts', '6', '--deny', '1', '--config-off', '0', '--regions', 'us-east-1'];
    const result = await runChild(process.execPath, [...args, ...flags, '--out', out], {
      cwd: dir,
      env: childEnv(),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Report: .*\.xlsx$/m);
    expect((await stat(join(out, 'reports'))).isDirectory()).toBe(true);
    expect(result.stderr).not.toContain(NOTICE);
    expect(result.stderr).not.toContain('no longer support');
  });
});
