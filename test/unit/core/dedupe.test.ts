import { describe, expect, it } from 'vitest';
import {
  beats,
  type Candidate,
  complianceCode,
  complianceFromCode,
  dedupeKey,
} from '../../../src/core/dedupe.js';
import { COMPLIANCE_TYPES, type ComplianceType } from '../../../src/core/model.js';

type Ranked = Pick<Candidate, 'recordedMs' | 'invokedMs' | 'compliance'>;

function cand(recordedMs: number, type: ComplianceType = 'COMPLIANT', extra: Partial<Ranked> = {}): Ranked {
  return { recordedMs, invokedMs: recordedMs, compliance: complianceCode(type), ...extra };
}
describe('dedupeKey', () => {
  it('separates every identifying field, so different evaluations never share a key', () => {
    const base = {
      account_id: '111111111111',
      region: 'us-east-1',
      rule_name: 'r',
      resource_type: 'T',
      resource_id: 'id',
    };
    expect(dedupeKey(base)).not.toBe(dedupeKey({ ...base, rule_name: 'rT', resource_type: '' }));
    expect(dedupeKey(base)).not.toBe(dedupeKey({ ...base, resource_id: 'id2' }));
    expect(dedupeKey(base)).toBe(dedupeKey({ ...base }));
  });
});

describe('beats', () => {
  it('prefers the newest recorded time, then invoked time, then the more severe type', () => {
    expect(beats(cand(2), cand(1))).toBe(true);
    expect(beats(cand(1), cand(2))).toBe(false);
    expect(beats(cand(1, 'COMPLIANT', { invokedMs: 5 }), cand(1, 'NON_COMPLIANT', { invokedMs: 4 }))).toBe(
      true,
    );
    expect(beats(cand(1, 'NON_COMPLIANT'), cand(1, 'COMPLIANT'))).toBe(true);
    expect(beats(cand(1, 'INSUFFICIENT_DATA'), cand(1, 'COMPLIANT'))).toBe(true);
    expect(beats(cand(1, 'COMPLIANT'), cand(1, 'NOT_APPLICABLE'))).toBe(true);
    expect(beats(cand(1), cand(1))).toBe(false);
  });
});

describe('complianceCode', () => {
  it('round-trips every compliance type and refuses unknown codes', () => {
    for (const type of COMPLIANCE_TYPES) expect(complianceFromCode(complianceCode(type))).toBe(type);
    expect(() => complianceFromCode(COMPLIANCE_TYPES.length)).toThrow(RangeError);
  });
});
