/**
 * S3 faults come from the same fault rules as every other service. Those rules (and their
 * rate-limit buckets and deterministic draws) live in the simulator's process, while S3 runs in a
 * child process: for each request the child asks the parent over IPC and waits for the decision.
 * The parent decides synchronously when the question arrives, so a `setFault` made before a
 * request is sent always applies to it.
 */
import type { ChildProcess } from 'node:child_process';
import type { FaultDecision } from '../faults/decide.js';

/** One S3 request, as far as the fault rules are concerned. */
export interface S3FaultQuery {
  accessKeyId: string;
  region: string;
  operation: string;
}

interface Question {
  type: 's3-fault';
  id: number;
  query: S3FaultQuery;
}
interface Answer {
  type: 's3-fault';
  id: number;
  decision: FaultDecision;
}

const isQuestion = (m: unknown): m is Question =>
  typeof m === 'object' && m !== null && (m as Question).type === 's3-fault' && 'query' in m;
const isAnswer = (m: unknown): m is Answer =>
  typeof m === 'object' && m !== null && (m as Answer).type === 's3-fault' && 'decision' in m;

/** Parent side: answers the child's questions with `decide`. */
export function answerS3FaultQueries(
  child: ChildProcess,
  decide: (query: S3FaultQuery) => FaultDecision,
): void {
  child.on('message', (message: unknown) => {
    if (!isQuestion(message) || !child.connected) return;
    const answer: Answer = { type: 's3-fault', id: message.id, decision: decide(message.query) };
    child.send(answer);
  });
}

/** Child side: asks the parent (requires an IPC channel). */
export function askParentForS3Faults(): (query: S3FaultQuery) => Promise<FaultDecision> {
  const pending = new Map<number, (decision: FaultDecision) => void>();
  let next = 0;
  process.on('message', (message: unknown) => {
    if (!isAnswer(message)) return;
    pending.get(message.id)?.(message.decision);
    pending.delete(message.id);
  });
  return (query) =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      const question: Question = { type: 's3-fault', id, query };
      process.send?.(question);
    });
}
