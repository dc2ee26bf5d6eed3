/**
 * Input validation as AWS answers it: every range, length and enum constraint of the service
 * models that the simulator checks answers ValidationException with AWS's "1 validation error
 * detected" message (Config); Organizations, which models no ValidationException, answers
 * InvalidInputException with a `Reason` from its model's enum.
 */

import type { ConfigServiceClient } from '@aws-sdk/client-config-service';
import {
  type ComplianceType,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  GetComplianceDetailsByConfigRuleCommand,
  type RuleEvaluationVisibility,
  SelectResourceConfigCommand,
} from '@aws-sdk/client-config-service';
import {
  InvalidInputExceptionReason,
  ListAccountsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../../simulator/index.js';
import { assume, configClient, errorOf, memberAccounts, orgsClient } from './clients.js';

let sim: RunningSimulator;
let config: ConfigServiceClient;

beforeAll(async () => {
  sim = await startSimulator({ accounts: 4, seed: 12, s3: false });
  config = configClient(sim, await assume(sim, memberAccounts(sim, 1)[0]!), { maxAttempts: 1 });
});
afterAll(() => sim.stop());

const RULE = 'restricted-ssh';
const prefix = (value: string, member: string) =>
  `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: `;
const ALL_TYPES = 'COMPLIANT, INSUFFICIENT_DATA, NON_COMPLIANT, NOT_APPLICABLE';

describe('Config answers model constraint violations with ValidationException', () => {
  it.each([
    [
      'Limit above the range',
      () => new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: RULE, Limit: 1000 }),
      `${prefix('1000', 'limit')}Member must have value less than or equal to 100`,
    ],
    [
      'Limit below the range',
      () => new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: RULE, Limit: -1 }),
      `${prefix('-1', 'limit')}Member must have value greater than or equal to 0`,
    ],
    [
      'a ComplianceType outside the enum',
      () =>
        new GetComplianceDetailsByConfigRuleCommand({
          ConfigRuleName: RULE,
          ComplianceTypes: ['BOGUS' as ComplianceType],
        }),
      `${prefix('[BOGUS]', 'complianceTypes')}Member must satisfy constraint: [Member must satisfy enum value set: [${ALL_TYPES}]]`,
    ],
    [
      'four ComplianceTypes',
      () =>
        new GetComplianceDetailsByConfigRuleCommand({
          ConfigRuleName: RULE,
          ComplianceTypes: ['COMPLIANT', 'COMPLIANT', 'COMPLIANT', 'COMPLIANT'],
        }),
      `${prefix('[COMPLIANT, COMPLIANT, COMPLIANT, COMPLIANT]', 'complianceTypes')}Member must have length less than or equal to 3`,
    ],
    [
      'a summary ComplianceType outside the enum',
      () => new DescribeComplianceByConfigRuleCommand({ ComplianceTypes: ['BOGUS' as ComplianceType] }),
      `${prefix('[BOGUS]', 'complianceTypes')}Member must satisfy constraint: [Member must satisfy enum value set: [${ALL_TYPES}]]`,
    ],
    [
      '26 rule names',
      () => new DescribeConfigRulesCommand({ ConfigRuleNames: Array.from({ length: 26 }, () => RULE) }),
      'Member must have length less than or equal to 25',
    ],
    [
      'a visibility filter outside the enum',
      () =>
        new DescribeConfigRulesCommand({
          Filters: { RuleEvaluationVisibility: 'HIDDEN' as RuleEvaluationVisibility },
        }),
      `${prefix('HIDDEN', 'filters.ruleEvaluationVisibility')}Member must satisfy enum value set: [EXTERNAL, INTERNAL]`,
    ],
    [
      'SelectResourceConfig Limit above the range',
      () => new SelectResourceConfigCommand({ Expression: 'SELECT resourceId', Limit: 1000 }),
      `${prefix('1000', 'limit')}Member must have value less than or equal to 100`,
    ],
    [
      'an empty expression',
      () => new SelectResourceConfigCommand({ Expression: '' }),
      `${prefix('', 'expression')}Member must have length greater than or equal to 1`,
    ],
    [
      'an empty recorder name',
      () => new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: [''] }),
      `${prefix('', 'configurationRecorderNames.1.member')}Member must have length greater than or equal to 1`,
    ],
  ])('%s', async (_label, command, message) => {
    const err = await errorOf(() => config.send(command() as never));
    expect(err.name).toBe('ValidationException');
    expect(err.$metadata).toMatchObject({ httpStatusCode: 400 });
    expect(err.message).toContain(message);
  });

  it('keeps the service-level answers that are not model constraints', async () => {
    const insufficient = await errorOf(() =>
      config.send(
        new GetComplianceDetailsByConfigRuleCommand({
          ConfigRuleName: RULE,
          ComplianceTypes: ['INSUFFICIENT_DATA'],
        }),
      ),
    );
    expect(insufficient.name).toBe('InvalidParameterValueException');
    // The model puts no bound on the number of recorder names; a name that does not exist is the error.
    const twoNames = await errorOf(() =>
      config.send(
        new DescribeConfigurationRecorderStatusCommand({ ConfigurationRecorderNames: ['default', 'other'] }),
      ),
    );
    expect(twoNames.name).toBe('NoSuchConfigurationRecorderException');
    const status = await config.send(
      new DescribeConfigurationRecorderStatusCommand({ ConfigurationRecorderNames: ['default', 'default'] }),
    );
    expect(status.ConfigurationRecordersStatus).toHaveLength(1);
  });
});

describe('Organizations answers InvalidInputException with a Reason from its model', () => {
  const reasons: string[] = Object.values(InvalidInputExceptionReason);

  it.each([
    ['MaxResults 0', () => new ListAccountsCommand({ MaxResults: 0 }), 'MIN_VALUE_EXCEEDED'],
    ['MaxResults 21', () => new ListAccountsCommand({ MaxResults: 21 }), 'MAX_VALUE_EXCEEDED'],
    ['a forged NextToken', () => new ListAccountsCommand({ NextToken: 'AAAA' }), 'INVALID_NEXT_TOKEN'],
    [
      'a malformed resource id',
      () => new ListTagsForResourceCommand({ ResourceId: 'not an id' }),
      'INVALID_PATTERN',
    ],
  ])('%s', async (_label, command, reason) => {
    const err = await errorOf(() => orgsClient(sim, undefined, 1).send(command() as never));
    expect(err.name).toBe('InvalidInputException');
    expect(err.Reason).toBe(reason);
    expect(reasons).toContain(err.Reason);
  });
});
