import { describe, expect, it } from 'vitest';
import { trustPrincipal } from '../../../src/app/doctorFailures.js';

describe('the principal a spoke trust policy must name', () => {
  it.each([
    [
      'arn:aws:sts::111122223333:assumed-role/configreport-hub-role/run-1',
      'arn:aws:iam::111122223333:role/configreport-hub-role',
    ],
    [
      'arn:aws-cn:sts::111122223333:assumed-role/ops/jane@example.com',
      'arn:aws-cn:iam::111122223333:role/ops',
    ],
    ['arn:aws:iam::111122223333:user/ci', 'arn:aws:iam::111122223333:user/ci'],
    ['arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:root'],
  ])('%s → %s', (caller, principal) => {
    expect(trustPrincipal(caller)).toBe(principal);
  });
});
