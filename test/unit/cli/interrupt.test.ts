import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { interruptCleanUps } from '../../../src/cli/interrupt.js';

function fakeProcess() {
  const source = new EventEmitter();
  const exits: number[] = [];
  const register = interruptCleanUps(source as never, (code) => exits.push(code));
  return { source, exits, register };
}

describe('clean-ups on interrupt', () => {
  it('runs every registered clean-up on Ctrl-C, even after one fails, then exits 130', () => {
    const { source, exits, register } = fakeProcess();
    const ran: string[] = [];
    register(() => {
      throw new Error('boom');
    });
    register(() => ran.push('scratch removed'));
    source.emit('SIGINT', 'SIGINT');
    expect(ran).toEqual(['scratch removed']);
    expect(exits).toEqual([130]);
  });

  it('exits 143 on SIGTERM', () => {
    const { source, exits, register } = fakeProcess();
    register(() => {});
    source.emit('SIGTERM', 'SIGTERM');
    expect(exits).toEqual([143]);
  });

  it("listens only while something is registered, so Node's default (and sim's own handler) applies otherwise", () => {
    const { source, exits, register } = fakeProcess();
    expect(source.listenerCount('SIGINT')).toBe(0);
    const releaseA = register(() => {});
    const releaseB = register(() => {});
    expect(source.listenerCount('SIGINT')).toBe(1);
    releaseA();
    expect(source.listenerCount('SIGINT')).toBe(1);
    releaseB();
    releaseB();
    expect([source.listenerCount('SIGINT'), source.listenerCount('SIGTERM')]).toEqual([0, 0]);
    expect(exits).toEqual([]);
  });
});
