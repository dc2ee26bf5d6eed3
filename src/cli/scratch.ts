/**
 * Final mode's scratch folder (record spool, CSV) for a CLI run, removed when the run ends — also on
 * Ctrl-C (interrupt.ts). The clean-up is registered before the folder exists and the folder is made
 * synchronously, so no signal can land between "folder on disk" and "handler knows it" (a signal
 * there used to meet Node's default, which ends the process and leaves the folder). Removal ends
 * before the clean-up is released.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUpOnInterrupt } from './interrupt.js';

/** Runs `work` with a fresh scratch folder and removes the folder afterwards, whatever happens. */
export async function withScratchDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  let scratch: string | undefined;
  const release = cleanUpOnInterrupt(() => {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });
  try {
    scratch = mkdtempSync(join(tmpdir(), 'configreport-'));
    return await work(scratch);
  } finally {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
    release();
  }
}
