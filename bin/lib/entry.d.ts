/** Types of entry.js (plain JavaScript: it runs before anything is compiled). */

/** The module the CLI runs, and why. */
export interface CliEntry {
  /** What runs: the compiled build, or the TypeScript sources through tsx. */
  kind: 'dist' | 'source';
  /** File URL of the module that exports `main(argv)`. */
  url: string;
  /** Why this one (for bench:startup and tests). */
  reason: string;
}

/** Chooses the CLI's entry module under the package root `root` (the folder holding bin/). */
export function chooseCliEntry(root: string): CliEntry;
