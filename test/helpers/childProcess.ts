/** Running a command as a child process and collecting its output (package and CLI process tests). */
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';

/** What a finished child process left. */
export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Environment for children: the tests' own, with this Node.js first on PATH, so `node`, `npm` and
 * `npx` run scripts and bins on the same Node.js as the test (22 via node_modules/.bin under npm).
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const path = [dirname(process.execPath), process.env.PATH].filter(Boolean).join(':');
  return { ...process.env, PATH: path, ...extra };
}

/** Runs `command args` in `cwd` to its end; rejects only when it cannot be started. */
export function runChild(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string },
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? childEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
