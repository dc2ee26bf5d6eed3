/** What ends a presigned link: the expiry asked for, or the credentials that signed it. */
import { describe, expect, it } from 'vitest';
import { linkExpiry } from '../../../src/aws/reportLinks.js';

const NOW = new Date('2024-05-02T06:00:00.000Z');
const WEEK = 7 * 86_400;

describe('linkExpiry', () => {
  it('long-term keys: the expiry asked for', () => {
    expect(linkExpiry(NOW, WEEK, {})).toEqual({
      expiresAt: new Date('2024-05-09T06:00:00.000Z'),
      limitedBy: 'request',
    });
  });

  it('credentials that expire first: their expiry', () => {
    const expiration = new Date('2024-05-02T07:00:00.000Z');
    expect(linkExpiry(NOW, WEEK, { sessionToken: 't', expiration })).toEqual({
      expiresAt: expiration,
      limitedBy: 'credentials',
    });
    expect(linkExpiry(NOW, 600, { sessionToken: 't', expiration }).limitedBy).toBe('request');
  });

  it('temporary credentials without a visible expiry (a Lambda role): the request, flagged as a session', () => {
    expect(linkExpiry(NOW, WEEK, { sessionToken: 't' })).toEqual({
      expiresAt: new Date('2024-05-09T06:00:00.000Z'),
      limitedBy: 'session',
    });
  });
});
