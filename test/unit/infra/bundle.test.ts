/**
 * The one synthesis that really bundles the function with esbuild (every other infra test reads the
 * template only): the asset holds what Lambda loads, and it loads in a plain Node.js process.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { beforeAll, describe, expect, it } from 'vitest';
import { HubStack } from '../../../infra/lib/HubStack.js';
import { SYNTH_TIMEOUT_MS, synth, TEST_ORGANIZATION_ID } from './helpers/synth.js';

let assetDir: string;

beforeAll(() => {
  const { app, stack } = synth(
    (scope) => new HubStack(scope, 'BundledHub', { organizationId: TEST_ORGANIZATION_ID }),
    { bundle: true },
  );
  const asset = stack.hub.fn.node.findChild('Code') as Asset;
  assetDir = isAbsolute(asset.assetPath) ? asset.assetPath : join(app.outdir, asset.assetPath);
}, SYNTH_TIMEOUT_MS);

/** Runs an ES module snippet in a plain Node.js process (no tsx), from the asset directory. */
function runInAsset(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: assetDir,
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', REPORT_BUCKET: 'b' },
    encoding: 'utf8',
  }).trim();
}

describe('the bundled asset, as Lambda loads it', () => {
  it('holds the handler, final mode worker entry and a package.json that makes .js load as ESM', () => {
    expect(readdirSync(assetDir)).toEqual(expect.arrayContaining(['index.mjs', 'worker.js', 'package.json']));
    expect(JSON.parse(readFileSync(join(assetDir, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  it('loads index.mjs and rejects a bad event before doing anything', () => {
    const out = runInAsset(
      "const { handler } = await import('./index.mjs');" +
        "await handler({ mode: 'batch', group_id: '../x', shard_id: '' }).then(" +
        '() => console.log("accepted"), (e) => console.log(e.name + ": " + e.message));',
    );
    expect(out).toMatch(/^InvalidEventError: .*group_id.*shard_id/);
  });

  it("loads final mode's worker entry as ESM", () => {
    const out = runInAsset(
      "const { Worker } = await import('node:worker_threads');" +
        "const w = new Worker(new URL('./worker.js', 'file://' + process.cwd() + '/'), { execArgv: [] });" +
        "w.on('error', (e) => console.log('error ' + e.message)); w.on('exit', (c) => console.log('exit ' + c));",
    );
    expect(out).toBe('exit 0');
  });
});
