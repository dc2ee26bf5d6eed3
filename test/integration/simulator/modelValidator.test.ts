/**
 * The model checker itself (model/): it must reject what AWS would never send, or the conformance
 * test proves nothing. Hand-made answers, one defect each, against the SDK's bundled models.
 */
import { describe, expect, it } from 'vitest';
import { checkExchange, type Exchange } from './model/exchanges.js';
import { loadServiceModel } from './model/sdkModel.js';
import { parseXml } from './model/xml.js';

const config = loadServiceModel('@aws-sdk/client-config-service');
const orgs = loadServiceModel('@aws-sdk/client-organizations');
const sts = loadServiceModel('@aws-sdk/client-sts');

const json = (operation: string, status: number, body: unknown): Exchange => ({
  protocol: 'json',
  operation,
  status,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r' },
  body: JSON.stringify(body),
});
const query = (operation: string, status: number, body: string): Exchange => ({
  protocol: 'query',
  operation,
  status,
  headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'r' },
  body,
});

const status = (recording: unknown, extra: Record<string, unknown> = {}) => ({
  ConfigurationRecordersStatus: [
    { name: 'default', recording, lastStatus: 'Success', lastStartTime: 1.5, ...extra },
  ],
});

describe('JSON answers', () => {
  it('accepts a well-formed answer', () => {
    expect(checkExchange(config, json('DescribeConfigurationRecorderStatus', 200, status(true)))).toEqual([]);
  });

  it.each([
    ['a wrong type', status('true'), 'ConfigurationRecordersStatus[0].recording: expected a boolean'],
    ['an enum value off the model', status(true, { lastStatus: 'OK' }), '"OK" is not a RecorderStatus'],
    [
      'a member the model lacks',
      status(true, { colour: 'red' }),
      'colour: not a member of ConfigurationRecorderStatus',
    ],
    [
      'an ISO timestamp',
      status(true, { lastStopTime: '2026-01-01T00:00:00Z' }),
      'lastStopTime: expected epoch seconds',
    ],
    ['a null member', status(true, { lastErrorCode: null }), 'lastErrorCode: null'],
  ])('rejects %s', (_label, body, problem) => {
    const problems = checkExchange(config, json('DescribeConfigurationRecorderStatus', 200, body));
    expect(problems.join('\n')).toContain(problem);
  });

  it('checks lists of enums, and required members', () => {
    const recorders = {
      ConfigurationRecorders: [
        { name: 'default', recordingGroup: { resourceTypes: ['AWS::S3::Bucket', 'AWS::No::Such'] } },
      ],
    };
    expect(checkExchange(config, json('DescribeConfigurationRecorders', 200, recorders))).toEqual([
      'DescribeConfigurationRecorders(200).ConfigurationRecorders[0].recordingGroup.resourceTypes[1]: "AWS::No::Such" is not a ResourceType',
    ]);
    const rules = { ConfigRules: [{ ConfigRuleName: 'r' }] };
    expect(checkExchange(config, json('DescribeConfigRules', 200, rules))).toEqual([
      'DescribeConfigRules(200).ConfigRules[0].Source: required, missing',
    ]);
  });

  it('checks errors: modelled members and enums, fault class, unmodelled codes', () => {
    const reason = (Reason: string) => ({ __type: 'InvalidInputException', Message: 'm', Reason });
    expect(checkExchange(orgs, json('ListAccounts', 400, reason('MAX_VALUE_EXCEEDED')))).toEqual([]);
    expect(checkExchange(orgs, json('ListAccounts', 400, reason('INVALID_INPUT')))[0]).toContain(
      '"INVALID_INPUT" is not a InvalidInputExceptionReason',
    );
    expect(
      checkExchange(orgs, json('ListAccounts', 400, { __type: 'ServiceException', Message: 'm' }))[0],
    ).toContain('a server error answered 400');
    expect(
      checkExchange(config, json('DescribeConfigRules', 400, { __type: 'MadeUpException', message: 'm' }))[0],
    ).toContain('MadeUpException is neither modelled nor a common error');
    expect(
      checkExchange(
        config,
        json('DescribeConfigRules', 400, { __type: 'ThrottlingException', message: 'm' }),
      ),
    ).toEqual([]);
  });
});

describe('XML (awsQuery) answers', () => {
  const assumed = (credentials: string) =>
    `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>${credentials}` +
    '<AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>' +
    '</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>';
  const credentials = (expiration: string) =>
    `<Credentials><AccessKeyId>ASIA</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>${expiration}</Credentials>`;

  it('accepts a well-formed answer and rejects a missing member or a bad timestamp', () => {
    const good = credentials('<Expiration>2026-01-01T01:00:00Z</Expiration>');
    expect(checkExchange(sts, query('AssumeRole', 200, assumed(good)))).toEqual([]);
    expect(checkExchange(sts, query('AssumeRole', 200, assumed(credentials(''))))).toEqual([
      'AssumeRole(200).Credentials.Expiration: required, missing',
    ]);
    const epoch = credentials('<Expiration>1767229200</Expiration>');
    expect(checkExchange(sts, query('AssumeRole', 200, assumed(epoch)))[0]).toContain(
      'expected an ISO-8601 timestamp',
    );
  });

  it('checks the error envelope: fault type against status, extra elements', () => {
    const error = (type: string, code: string) =>
      `<ErrorResponse><Error><Type>${type}</Type><Code>${code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
    expect(checkExchange(sts, query('AssumeRole', 403, error('Sender', 'AccessDenied')))).toEqual([]);
    expect(checkExchange(sts, query('AssumeRole', 400, error('Receiver', 'ValidationError')))[0]).toContain(
      '<Type>Receiver</Type> with status 400',
    );
    expect(checkExchange(sts, query('AssumeRole', 400, error('Sender', 'Bogus')))[0]).toContain(
      'Bogus is neither modelled nor a common error',
    );
  });

  it('parses entities and rejects malformed documents', () => {
    expect(parseXml('<?xml version="1.0"?>\n<a x="1"><b>1 &amp; 2 &lt;3&gt;</b><c/></a>')).toEqual({
      name: 'a',
      text: '',
      children: [
        { name: 'b', text: '1 & 2 <3>', children: [] },
        { name: 'c', text: '', children: [] },
      ],
    });
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow();
    expect(() => parseXml('<a></a><b></b>')).toThrow();
  });
});
