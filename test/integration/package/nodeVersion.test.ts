/**
 * The tests run on the Node.js the package declares (engines: >=22), even on a machine whose own
 * Node.js is older: the node@22 devDependency puts a Node 22 binary in node_modules/.bin, which npm
 * scripts and npx put first on PATH. Vitest's forks run on this same binary; child processes the
 * tests start use it through `process.execPath`, or through PATH as `node`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const lowestMajor = Number(/^>=(\d+)$/.exec(manifest.engines.node)?.[1]);
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

describe('the Node.js the tests run on', () => {
  it('engines names a lowest major version', () => {
    expect(lowestMajor).toBeGreaterThanOrEqual(22);
  });

  it('this test process (a vitest fork) runs it', () => {
    expect(major(process.version)).toBeGreaterThanOrEqual(lowestMajor);
  });

  it('so does `node` on PATH, which child processes and scripts start', () => {
    const child = spawnSync('node', ['-p', 'process.version'], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect(major(child.stdout.trim())).toBeGreaterThanOrEqual(lowestMajor);
  });
});
