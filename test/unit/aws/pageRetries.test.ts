import { describe, expect, it } from 'vitest';
import { withPageRetries } from '../../../src/aws/pageRetries.js';

function failing(name: string, times: number, status?: number) {
  let calls = 0;
  const call = async () => {
    calls += 1;
    if (calls <= times) {
      const error = new Error(name) as Error & { $metadata?: { httpStatusCode: number } };
      error.name = name;
      if (status) error.$metadata = { httpStatusCode: status };
      throw error;
    }
    return 'page';
  };
  return { call, calls: () => calls };
}

describe('withPageRetries', () => {
  const waits: number[] = [];
  const options = {
    retries: 3,
    sleep: async (ms: number) => void waits.push(ms),
    random: () => 0,
    baseDelayMs: 100,
  };

  it('asks again after throttling, backing off, until the page arrives', async () => {
    waits.length = 0;
    const f = failing('ThrottlingException', 2);
    await expect(withPageRetries(f.call, options)).resolves.toBe('page');
    expect(f.calls()).toBe(3);
    expect(waits).toEqual([100, 200]);
  });

  it('retries 5xx answers too', async () => {
    const f = failing('InternalFailure', 1, 503);
    await expect(withPageRetries(f.call, options)).resolves.toBe('page');
  });

  it('gives up after the configured rounds with the last error', async () => {
    const f = failing('ThrottlingException', 10);
    await expect(withPageRetries(f.call, options)).rejects.toThrow('ThrottlingException');
    expect(f.calls()).toBe(4);
  });

  it('does not repeat errors that will not change', async () => {
    const f = failing('NoSuchConfigRuleException', 1, 400);
    await expect(withPageRetries(f.call, options)).rejects.toThrow('NoSuchConfigRuleException');
    expect(f.calls()).toBe(1);
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const f = failing('ThrottlingException', 1);
    await expect(withPageRetries(f.call, { ...options, signal: controller.signal })).rejects.toThrow();
    expect(f.calls()).toBe(1);
  });
});
