/**
 * A Lambda container in a child process, for tests that must kill it the way a Lambda timeout does
 * (SIGKILL): runs one final invocation of the real handler with the process environment, no context.
 * Usage: `node --import tsx test/helpers/lambdaFinalChild.ts <group_id>`.
 */
import { createHandler } from '../../src/entry/lambda.js';

await createHandler()({ mode: 'final', group_id: process.argv[2] });
