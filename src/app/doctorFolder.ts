/** The doctor's store probe for a local output folder (`--out`): created, written, cleaned. */
import { mkdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { StoreProbe } from '../modes/doctor.js';

/** A probe of the folder `root` (made absolute). */
export function folderProbe(root: string): StoreProbe {
  const base = resolve(root);
  const pathOf = (key: string) => join(base, ...key.split('/'));
  return {
    kind: 'folder',
    location: base,
    async reach() {
      await mkdir(base, { recursive: true });
      return [];
    },
    async write(key, body) {
      await mkdir(dirname(pathOf(key)), { recursive: true });
      await writeFile(pathOf(key), body);
    },
    async remove(key) {
      await rm(pathOf(key));
      // The probe's own folder goes too when it is empty (a run's files are never touched).
      await rmdir(dirname(pathOf(key))).catch(() => {});
    },
  };
}
