/**
 * Ownership tags, read in bulk: one advanced query (SelectResourceConfig) per group of resource
 * types instead of one call per resource, joined to the records client-side. Config's SQL has no
 * JOIN, so the target resources' tags cannot come with the compliance data.
 */

/** SelectResourceConfig's limit on the expression length. */
export const MAX_EXPRESSION_LENGTH = 4096;
const HEAD = 'SELECT resourceId, resourceType, tags WHERE resourceType IN (';
const TAIL = ')';
/** Resource type names as Config spells them (`AWS::S3::Bucket`, third-party `Org::Svc::Type`). */
const QUOTABLE_TYPE = /^[A-Za-z0-9_.:-]+$/;

/** One query and the resource types it covers. */
export interface TagQuery {
  expression: string;
  resourceTypes: string[];
}

/**
 * Queries covering every quotable resource type, each expression at most 4096 characters. Types
 * that cannot be quoted safely are returned apart, so the caller can report them.
 */
export function buildTagQueries(resourceTypes: Iterable<string>): {
  queries: TagQuery[];
  unquotable: string[];
} {
  const unique = [...new Set(resourceTypes)].filter((t) => t !== '').sort();
  const unquotable = unique.filter((t) => !QUOTABLE_TYPE.test(t));
  const quotable = unique.filter((t) => QUOTABLE_TYPE.test(t));
  const queries: TagQuery[] = [];
  let current: string[] = [];
  const expressionOf = (types: string[]): string => `${HEAD}${types.map((t) => `'${t}'`).join(', ')}${TAIL}`;
  for (const type of quotable) {
    const candidate = [...current, type];
    if (current.length > 0 && expressionOf(candidate).length > MAX_EXPRESSION_LENGTH) {
      queries.push({ expression: expressionOf(current), resourceTypes: current });
      current = [type];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) {
    if (expressionOf(current).length > MAX_EXPRESSION_LENGTH) unquotable.push(...current);
    else queries.push({ expression: expressionOf(current), resourceTypes: current });
  }
  return { queries, unquotable };
}

/** Key of a resource in the tag index. */
export function resourceKey(resourceType: string, resourceId: string): string {
  return `${resourceType}\u0000${resourceId}`;
}

/** A parsed query row: the resource and its tags whose keys start with the prefix. */
export interface TagRow {
  resourceType: string;
  resourceId: string;
  tags: Record<string, string>;
}

/**
 * Parses one SelectResourceConfig row (a JSON string). `tags` comes back as `[{key, value}]`;
 * `Key`/`Value` and `tag: "k=v"` spellings are accepted too. Returns null for a row without ids.
 * @throws SyntaxError when the row is not JSON.
 */
export function parseTagRow(row: string, prefix: string): TagRow | null {
  const parsed = JSON.parse(row) as { resourceId?: unknown; resourceType?: unknown; tags?: unknown };
  if (typeof parsed.resourceId !== 'string' || typeof parsed.resourceType !== 'string') return null;
  const tags: Record<string, string> = {};
  if (Array.isArray(parsed.tags)) {
    for (const item of parsed.tags as unknown[]) {
      const pair = tagPair(item);
      if (!pair) continue;
      const [key, value] = pair;
      if (key.startsWith(prefix)) tags[key] = value;
    }
  }
  return { resourceType: parsed.resourceType, resourceId: parsed.resourceId, tags };
}

function tagPair(item: unknown): [string, string] | null {
  if (typeof item !== 'object' || item === null) return null;
  const o = item as Record<string, unknown>;
  const key = o.key ?? o.Key;
  const value = o.value ?? o.Value;
  if (typeof key === 'string') return [key, typeof value === 'string' ? value : ''];
  if (typeof o.tag === 'string') {
    const at = o.tag.indexOf('=');
    return at < 0 ? [o.tag, ''] : [o.tag.slice(0, at), o.tag.slice(at + 1)];
  }
  return null;
}
