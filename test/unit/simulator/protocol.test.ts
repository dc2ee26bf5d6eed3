/** Wire-level helpers: SigV4 scope parsing, pagination tokens, the advanced-query parser. */
import { describe, expect, it } from 'vitest';
import { SimError } from '../../../simulator/http/errors.js';
import { parseSigV4 } from '../../../simulator/http/sigv4.js';
import { decodeToken, encodeToken } from '../../../simulator/http/tokens.js';
import { parseSelect } from '../../../simulator/services/configSelect.js';

const auth = (credential: string) =>
  `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

describe('parseSigV4', () => {
  it('reads access key, region and service from the credential scope', () => {
    const scope = parseSigV4(
      {
        authorization: auth('ASIASIMAAAAAAAAAAAAB/20260101/eu-west-1/config/aws4_request'),
        'x-amz-date': '20260101T000000Z',
        'x-amz-security-token': 'tok',
      },
      false,
    );
    expect(scope).toEqual({
      accessKeyId: 'ASIASIMAAAAAAAAAAAAB',
      date: '20260101',
      region: 'eu-west-1',
      service: 'config',
      securityToken: 'tok',
    });
  });

  it.each([
    ['no header', {}, 'MissingAuthenticationTokenException', 'MissingAuthenticationToken'],
    [
      'a malformed header',
      { authorization: 'AWS4-HMAC-SHA256 Credential=x', 'x-amz-date': '20260101T000000Z' },
      'IncompleteSignatureException',
      'IncompleteSignature',
    ],
    [
      'a date that does not match the scope',
      {
        authorization: auth('AKIAEXAMPLEEXAMPLE/20260101/us-east-1/sts/aws4_request'),
        'x-amz-date': '20260102T000000Z',
      },
      'IncompleteSignatureException',
      'IncompleteSignature',
    ],
  ])('rejects %s with the JSON and query error codes', (_label, headers, jsonCode, queryCode) => {
    expect(() => parseSigV4(headers, false)).toThrow(expect.objectContaining({ code: jsonCode }));
    expect(() => parseSigV4(headers, true)).toThrow(expect.objectContaining({ code: queryCode }));
  });
});

describe('pagination tokens', () => {
  it('round-trip for the same request and are rejected for any other', () => {
    const token = encodeToken('GetComplianceDetailsByConfigRule|1|us-east-1|rule-a', 30);
    expect(decodeToken(token, 'GetComplianceDetailsByConfigRule|1|us-east-1|rule-a')).toBe(30);
    expect(() => decodeToken(token, 'GetComplianceDetailsByConfigRule|1|us-east-1|rule-b')).toThrow(SimError);
    const tampered = Buffer.from(`31:${Buffer.from(token, 'base64url').toString().split(':')[1]}`).toString(
      'base64url',
    );
    expect(() => decodeToken(tampered, 'GetComplianceDetailsByConfigRule|1|us-east-1|rule-a')).toThrow(
      /nextToken/,
    );
    expect(() => decodeToken('%%%', 'x', 'InvalidInputException')).toThrow(
      expect.objectContaining({ code: 'InvalidInputException' }),
    );
  });
});

describe('parseSelect', () => {
  it.each([
    [
      "SELECT resourceId, resourceType, tags WHERE resourceType IN ('AWS::S3::Bucket', 'AWS::EC2::Instance')",
      ['resourceId', 'resourceType', 'tags'],
      ['AWS::S3::Bucket', 'AWS::EC2::Instance'],
      undefined,
    ],
    [
      "select tags where resourceType = 'AWS::S3::Bucket' and resourceId in ('a', 'b''c')",
      ['tags'],
      ['AWS::S3::Bucket'],
      ['a', "b'c"],
    ],
    ["SELECT arn WHERE resourceId = 'x' AND resourceType = 'T'", ['arn'], ['T'], ['x']],
    [
      'SELECT accountId, awsRegion, resourceName',
      ['accountId', 'awsRegion', 'resourceName'],
      undefined,
      undefined,
    ],
  ])('parses %s', (expression, fields, types, ids) => {
    const q = parseSelect(expression);
    expect(q.fields).toEqual(fields);
    expect(q.types ? [...q.types] : undefined).toEqual(types);
    expect(q.ids ? [...q.ids] : undefined).toEqual(ids);
  });

  it.each([
    'SELECT *',
    'SELECT resourceId FROM x',
    "SELECT resourceId WHERE resourceType = 'a' OR resourceType = 'b'",
    "SELECT resourceId WHERE resourceType = 'a' AND resourceType = 'b'",
    "SELECT resourceId WHERE tags.key = 'mox.owner'",
    "SELECT resourceId WHERE resourceType IN ('a'",
    'SELECT resourceId WHERE resourceType = a',
    "SELECT COUNT(*) WHERE resourceType = 'a' GROUP BY resourceType",
    "SELECT resourceId WHERE resourceType = 'a'; DROP",
    '',
  ])('rejects %j with InvalidExpressionException', (expression) => {
    expect(() => parseSelect(expression)).toThrow(
      expect.objectContaining({ code: 'InvalidExpressionException' }),
    );
  });
});
