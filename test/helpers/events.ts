/** The seed's example event and a helper that collects a refused event's issues. */
import { expect } from 'vitest';
import { InvalidEventError, parseEvent } from '../../src/core/event.js';

/** The seed's batch event, exactly as its README shows it. */
export const SEED_EVENT = {
  accounts: [
    { account_id: '123456789012', account_name: 'prod-app-01' },
    { account_id: '987654321098', account_name: 'prod-db-01' },
  ],
  group_id: '2023-10-27',
  mode: 'batch',
  role_name: 'configreport-read-role',
  shard_id: '01',
} as const;

/** The issues of a rejected event (fails the test if the event is accepted). */
export function issuesOf(raw: unknown): string[] {
  try {
    parseEvent(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventError);
    return (error as InvalidEventError).issues;
  }
  throw new Error(`event was accepted: ${JSON.stringify(raw)}`);
}
