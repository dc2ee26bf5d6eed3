/**
 * Entry of batch mode's collection workers: builds its own client factory and per-account credential
 * cache from plain settings, runs the shared account loop (`collectAccounts`) over its group of
 * accounts and posts progress, each account's outcomes, then `done`.
 */
import { setMaxListeners } from 'node:events';
import { isMainThread, type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { AccountCredentials } from '../../aws/AccountCredentials.js';
import { createAwsClientFactory } from '../../aws/clientFactory.js';
import { collectAccounts } from './collectAccounts.js';
import { Deadline } from './Deadline.js';
import { DeadlineReachedError } from './errors.js';
import type { BatchWorkerAbort, BatchWorkerData, BatchWorkerMessage } from './workerProtocol.js';

async function run(port: MessagePort, data: BatchWorkerData): Promise<void> {
  const post = (message: BatchWorkerMessage): void => port.postMessage(message);
  // The main thread already kept its margin out of `deadlineAt`, so this deadline has none.
  const deadline = new Deadline(() => data.deadlineAt - Date.now(), 0);
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  deadline.signal.addEventListener('abort', () => stop.abort(deadline.signal.reason), { once: true });
  port.on('message', (message: BatchWorkerAbort) => {
    if (message.type === 'abort') stop.abort(new DeadlineReachedError(data.deadlineAt - Date.now()));
  });
  const clients = createAwsClientFactory(data.aws);
  const credentials = new AccountCredentials(clients.sts(), data.assumeRole);
  deadline.start();
  try {
    await collectAccounts({
      accounts: data.accounts,
      regions: data.regions,
      tagPrefix: data.tagPrefix,
      settings: data.settings,
      concurrency: data.concurrency,
      credentials,
      clients,
      signal: stop.signal,
      progress: data.progress ? (event) => post({ type: 'progress', event }) : () => {},
      onAccount: (account, results) => post({ type: 'account', account, results }),
    });
  } finally {
    deadline.stop();
    clients.destroy();
  }
  // The main thread terminates this worker once it has read `done` (the abort listener keeps it alive).
  post({ type: 'done', assumeRoleCalls: credentials.assumeRoleCalls });
}

const data = workerData as BatchWorkerData | undefined;
if (!isMainThread && parentPort && data?.configreportBatchWorker === 1) {
  void run(parentPort, data);
}
