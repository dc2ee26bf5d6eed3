/**
 * Starts the S3-compatible server (s3rver behind the decoding front layer) in a child process on
 * 127.0.0.1, with the bucket created in a fresh temp directory that is removed on stop.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FaultDecision } from '../faults/decide.js';
import { answerS3FaultQueries, type S3FaultQuery } from './faultBridge.js';

/** A running S3 server. */
export interface S3ServerHandle {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

/**
 * The child's entry and the flags it needs: compiled (dist/, the npm package) `child.js` beside this
 * module runs as it is; from source, `child.ts` is loaded through tsx (a devDependency).
 */
function childEntry(): { file: string; execArgv: string[] } {
  const compiled = fileURLToPath(new URL('./child.js', import.meta.url));
  if (existsSync(compiled)) return { file: compiled, execArgv: ['--openssl-legacy-provider'] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return {
    file: fileURLToPath(new URL('./child.ts', import.meta.url)),
    execArgv: ['--openssl-legacy-provider', '--import', tsx],
  };
}

/** Options of the S3 server. */
export interface S3ServerOptions {
  bucket: string;
  port?: number;
  /** Decides each request's faults (in this process); without it S3 has none. */
  faults?: (query: S3FaultQuery) => FaultDecision;
}

/** Starts the server; rejects if the child fails to come up within 20 s. */
export async function startS3Server(options: S3ServerOptions): Promise<S3ServerHandle> {
  const directory = await mkdtemp(join(tmpdir(), 'configreport-s3-'));
  const { file, execArgv } = childEntry();
  const child = fork(file, [], {
    execArgv,
    env: {
      ...process.env,
      SIM_S3_DIR: directory,
      SIM_S3_BUCKET: options.bucket,
      SIM_S3_PORT: String(options.port ?? 0),
      SIM_S3_FAULTS: options.faults ? '1' : '0',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (options.faults) answerS3FaultQueries(child, options.faults);
  let port: number;
  try {
    port = await waitForPort(child);
  } catch (err) {
    child.kill();
    await rm(directory, { recursive: true, force: true });
    throw err;
  }
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: options.bucket,
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.send('stop');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        await rm(directory, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('S3 server did not start within 20 s')), 20_000);
    child.once('message', (msg: { port?: number; error?: string }) => {
      clearTimeout(timer);
      if (msg.port) resolve(msg.port);
      else reject(new Error(`S3 server failed to start: ${msg.error ?? 'unknown error'}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`S3 server exited during start (code ${code})`));
    });
  });
}
