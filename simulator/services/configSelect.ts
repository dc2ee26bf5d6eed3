/**
 * SelectResourceConfig: the subset of Config's advanced-query SQL a tag reader needs.
 *
 *   SELECT <field>[, <field>…] [WHERE <cond> [AND <cond>]]
 *   <field> ∈ resourceId, resourceType, resourceName, arn, accountId, awsRegion, tags
 *   <cond>  ∈ resourceType = '…' | resourceType IN ('…', …) | resourceId = '…' | resourceId IN ('…', …)
 *
 * Anything else (other fields, OR, LIKE, GROUP BY, COUNT, SELECT *) → InvalidExpressionException.
 * Rows come back as JSON strings; `tags` as `[{key, value}]`.
 */
import { SimError } from '../http/errors.js';
import { decodeToken, encodeToken } from '../http/tokens.js';
import type { SimResource } from '../org/model.js';
import { visibleRegion } from './configView.js';
import { type JsonOperation, optInt, optString, reqString } from './context.js';
import { checkLength, checkRange } from './validation.js';

/** Default page size when Limit is omitted or 0 (as the aggregate variant documents: 25). */
export const SELECT_DEFAULT_PAGE = 25;

const FIELDS = new Set([
  'resourceId',
  'resourceType',
  'resourceName',
  'arn',
  'accountId',
  'awsRegion',
  'tags',
]);

/** A parsed query. */
export interface SelectQuery {
  fields: string[];
  types?: Set<string>;
  ids?: Set<string>;
}

function invalid(detail: string): SimError {
  return new SimError('InvalidExpressionException', `Invalid expression: ${detail}`);
}

/** Splits an expression into identifiers, quoted strings and punctuation. */
function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(?:('(?:[^']|'')*')|([A-Za-z_][A-Za-z0-9_.]*)|([(),=*])|(\S))/gy;
  for (let m = re.exec(expression); m; m = re.exec(expression)) {
    if (m[4] !== undefined) throw invalid(`unexpected character '${m[4]}'`);
    tokens.push((m[1] ?? m[2] ?? m[3]) as string);
    if (re.lastIndex >= expression.length) break;
  }
  return tokens;
}

const unquote = (token: string): string => token.slice(1, -1).replaceAll("''", "'");
const isString = (token: string | undefined): token is string => token?.startsWith("'") === true;

/** Parses the supported SQL subset or throws InvalidExpressionException. */
export function parseSelect(expression: string): SelectQuery {
  const t = tokenize(expression);
  let i = 0;
  const kw = (word: string) => t[i]?.toUpperCase() === word;
  if (!kw('SELECT')) throw invalid('must start with SELECT');
  i++;
  const fields: string[] = [];
  for (;;) {
    const field = t[i];
    if (!field || !FIELDS.has(field)) throw invalid(`unsupported select field '${field ?? ''}'`);
    if (!fields.includes(field)) fields.push(field);
    i++;
    if (t[i] !== ',') break;
    i++;
  }
  const query: SelectQuery = { fields };
  if (i === t.length) return query;
  if (!kw('WHERE')) throw invalid(`unexpected '${t[i]}'`);
  i++;
  for (;;) {
    const property = t[i];
    if (property !== 'resourceType' && property !== 'resourceId')
      throw invalid(`unsupported condition on '${property ?? ''}'`);
    if ((property === 'resourceType' ? query.types : query.ids) !== undefined)
      throw invalid(`${property} given twice`);
    i++;
    const values = new Set<string>();
    if (t[i] === '=') {
      i++;
      if (!isString(t[i])) throw invalid('expected a quoted value');
      values.add(unquote(t[i++]!));
    } else if (kw('IN')) {
      i++;
      if (t[i++] !== '(') throw invalid("expected '(' after IN");
      for (;;) {
        if (!isString(t[i])) throw invalid('expected a quoted value');
        values.add(unquote(t[i++]!));
        if (t[i] === ',') i++;
        else break;
      }
      if (t[i++] !== ')') throw invalid("expected ')'");
    } else {
      throw invalid(`unsupported operator '${t[i] ?? ''}'`);
    }
    if (property === 'resourceType') query.types = values;
    else query.ids = values;
    if (i === t.length) return query;
    if (!kw('AND')) throw invalid(`unexpected '${t[i]}'`);
    i++;
  }
}

/** The ARN Config records for a resource. */
export function resourceArn(r: SimResource, accountId: string, region: string): string {
  const p = `${region}:${accountId}`;
  switch (r.type) {
    case 'AWS::S3::Bucket':
      return `arn:aws:s3:::${r.id}`;
    case 'AWS::EC2::Instance':
      return `arn:aws:ec2:${p}:instance/${r.id}`;
    case 'AWS::EC2::SecurityGroup':
      return `arn:aws:ec2:${p}:security-group/${r.id}`;
    case 'AWS::EC2::Volume':
      return `arn:aws:ec2:${p}:volume/${r.id}`;
    case 'AWS::EC2::VPC':
      return `arn:aws:ec2:${p}:vpc/${r.id}`;
    case 'AWS::IAM::Role':
      return `arn:aws:iam::${accountId}:role/${r.name}`;
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${p}:function:${r.name}`;
    case 'AWS::RDS::DBInstance':
      return `arn:aws:rds:${p}:db:${r.name}`;
    case 'AWS::DynamoDB::Table':
      return `arn:aws:dynamodb:${p}:table/${r.name}`;
    case 'AWS::KMS::Key':
      return `arn:aws:kms:${p}:key/${r.id}`;
    case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
      return r.id;
    default: {
      const [, service = 'unknown', kind = 'resource'] = r.type.split('::');
      return `arn:aws:${service.toLowerCase()}:${p}:${kind.toLowerCase()}/${r.id}`;
    }
  }
}

function row(r: SimResource, fields: string[], accountId: string, region: string): string {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f === 'resourceId') out.resourceId = r.id;
    else if (f === 'resourceType') out.resourceType = r.type;
    else if (f === 'resourceName') out.resourceName = r.name;
    else if (f === 'arn') out.arn = resourceArn(r, accountId, region);
    else if (f === 'accountId') out.accountId = accountId;
    else if (f === 'awsRegion') out.awsRegion = region;
    else out.tags = Object.entries(r.tags).map(([key, value]) => ({ key, value }));
  }
  return JSON.stringify(out);
}

export const selectResourceConfig: JsonOperation = (ctx, input) => {
  const expression = reqString(input, 'Expression');
  checkLength(expression, 'Expression', 1, 4096);
  const limit = optInt(input, 'Limit') ?? 0;
  checkRange(limit, 'Limit', 0, 100);
  const query = parseSelect(expression);
  const { accountId } = ctx.principal;
  const data = visibleRegion(ctx);
  const matching = data.resources.filter(
    (r) => r.queryable && (!query.types || query.types.has(r.type)) && (!query.ids || query.ids.has(r.id)),
  );
  const pageSize = limit === 0 ? SELECT_DEFAULT_PAGE : limit;
  const context = `SelectResourceConfig|${accountId}|${ctx.region}|${expression}`;
  const token = optString(input, 'NextToken');
  const start = token ? decodeToken(token, context) : 0;
  const end = Math.min(matching.length, start + pageSize);
  const results: string[] = [];
  for (let i = start; i < end; i++) results.push(row(matching[i]!, query.fields, accountId, ctx.region));
  const out: Record<string, unknown> = {
    Results: results,
    QueryInfo: { SelectFields: query.fields.map((Name) => ({ Name })) },
  };
  if (end < matching.length) out.NextToken = encodeToken(context, end);
  return out;
};
