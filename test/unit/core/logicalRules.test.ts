import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creatorLabel, logicalPackName, logicalRuleOf } from '../../../src/core/logicalRules.js';

const SH = 'securityhub.amazonaws.com';
const PACK = 'config-conforms.amazonaws.com';
const FMS = 'fms.amazonaws.com';
const ORG = 'config-multiaccountsetup.amazonaws.com';

/** A rule-name word: lowercase letters and digits, as AWS and people name rules. */
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
/** A base name: one to six words joined by `-`. */
const base = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join('-'));
/** A generated suffix as the services write them: 6–10 lowercase letters and digits. */
const suffix = fc.stringMatching(/^[a-z0-9]{6,10}$/);
/** A suffix with a digit, as a version 1 shard (no CreatedBy) needs to be recognised. */
const digitSuffix = fc.tuple(suffix, fc.integer({ min: 0, max: 9 })).map(([s, d]) => `${s.slice(1)}${d}`);

describe('logicalRuleOf', () => {
  it.each([
    [
      { ruleName: 'securityhub-ec2-security-group-attached-to-eni-periodic-a1b2c3', createdBy: SH },
      'securityhub-ec2-security-group-attached-to-eni-periodic',
      'security-hub',
    ],
    [
      { ruleName: 's3-bucket-versioning-enabled-conformance-pack-k2j4h6g8', createdBy: PACK },
      's3-bucket-versioning-enabled-conformance-pack',
      'conformance-pack',
    ],
    [
      { ruleName: 'fms-shield-resource-policy-check-9f8e7d', createdBy: FMS },
      'fms-shield-resource-policy-check',
      'firewall-manager',
    ],
    [
      { ruleName: 'OrgConfigRule-required-tags-x7y8z9w0', createdBy: ORG },
      'OrgConfigRule-required-tags',
      'organization',
    ],
    // A version 1 shard (no CreatedBy): the markers and digit-bearing suffixes still group.
    [
      { ruleName: 'securityhub-iam-root-access-key-check-0a1b2c' },
      'securityhub-iam-root-access-key-check',
      'security-hub',
    ],
    [
      { ruleName: 'ec2-imdsv2-check-conformance-pack-abcdefgh' },
      'ec2-imdsv2-check-conformance-pack',
      'conformance-pack',
    ],
    // Plain and custom rules keep their name.
    [
      { ruleName: 's3-bucket-versioning-enabled', sourceOwner: 'AWS' },
      's3-bucket-versioning-enabled',
      'account',
    ],
    [{ ruleName: 'custom-check-001', sourceOwner: 'CUSTOM_LAMBDA' }, 'custom-check-001', 'account'],
    // A last word that is a word, not a suffix, stays when nothing says the service made it.
    [{ ruleName: 'securityhub-like-check-enabled' }, 'securityhub-like-check-enabled', 'account'],
    // A custom rule that merely looks like Security Hub's.
    [
      { ruleName: 'securityhub-mine-a1b2c3', sourceOwner: 'CUSTOM_LAMBDA' },
      'securityhub-mine-a1b2c3',
      'account',
    ],
    // CreatedBy names another service: the Security Hub pattern does not apply.
    [
      { ruleName: 'securityhub-x-a1b2c3', createdBy: 'example.amazonaws.com' },
      'securityhub-x-a1b2c3',
      'service',
    ],
  ])('%o → %s (%s)', (rule, name, creator) => {
    expect(logicalRuleOf(rule)).toMatchObject({ name, creator });
  });

  it('strips every service suffix, whatever the base and suffix', () => {
    const cases: [string, (b: string, s: string) => string, (b: string) => string][] = [
      [SH, (b, s) => `securityhub-${b}-${s}`, (b) => `securityhub-${b}`],
      [PACK, (b, s) => `${b}-conformance-pack-${s}`, (b) => `${b}-conformance-pack`],
      [FMS, (b, s) => `fms-${b}-${s}`, (b) => `fms-${b}`],
      [ORG, (b, s) => `OrgConfigRule-${b}-${s}`, (b) => `OrgConfigRule-${b}`],
    ];
    fc.assert(
      fc.property(base, suffix, fc.constantFrom(...cases), (b, s, [createdBy, name, logical]) => {
        const rule = logicalRuleOf({ ruleName: name(b, s), sourceOwner: 'AWS', createdBy });
        expect([rule.name, rule.suffix]).toEqual([logical(b), s]);
      }),
    );
  });

  it('gives every deployment of one rule the same logical rule (instances group)', () => {
    fc.assert(
      fc.property(base, digitSuffix, digitSuffix, (b, s1, s2) => {
        // With and without CreatedBy (versions 2 and 1 of the shard): the same group.
        const a = logicalRuleOf({ ruleName: `securityhub-${b}-${s1}`, createdBy: SH });
        const c = logicalRuleOf({ ruleName: `securityhub-${b}-${s2}`, sourceOwner: 'AWS' });
        expect(a.name).toBe(c.name);
      }),
    );
  });

  it('never changes a name that carries no pattern, and always yields a non-empty prefix of the name', () => {
    fc.assert(
      fc.property(base, fc.constantFrom('AWS', 'CUSTOM_LAMBDA', 'CUSTOM_POLICY', ''), (b, owner) => {
        fc.pre(!/^(securityhub|fms|orgconfigrule)-/i.test(b) && !/-conformance-pack-/i.test(b));
        expect(logicalRuleOf({ ruleName: b, sourceOwner: owner }).name).toBe(b);
      }),
    );
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.option(fc.constantFrom(SH, PACK, FMS, ORG)),
        (name, by) => {
          const rule = logicalRuleOf({ ruleName: name, createdBy: by ?? undefined });
          expect(rule.name.length).toBeGreaterThan(0);
          expect(name.startsWith(rule.name)).toBe(true);
          expect(rule.suffix === '' ? name : `${rule.name}-${rule.suffix}`).toBe(name);
        },
      ),
    );
  });
});

describe('creatorLabel and logicalPackName', () => {
  it('names the creators a reader knows, and other services by their principal', () => {
    expect(creatorLabel('security-hub', SH)).toBe('Security Hub');
    expect(creatorLabel('account', undefined)).toBe('Account');
    expect(creatorLabel('service', 'example.amazonaws.com')).toBe('example.amazonaws.com');
  });

  it('groups an organization conformance pack across members, and keeps other pack names', () => {
    expect(logicalPackName('OrgConformsPack-operational-best-practices-ab12cd34')).toBe(
      'OrgConformsPack-operational-best-practices',
    );
    expect(logicalPackName('Operational-Best-Practices-for-S3')).toBe('Operational-Best-Practices-for-S3');
  });
});
