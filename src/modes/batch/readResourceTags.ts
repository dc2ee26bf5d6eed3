/**
 * Joins ownership tags onto one account-region's records, read in bulk with advanced queries.
 * A failed query never costs records: they stay, without tags, and the failure is returned so the
 * account-region is marked PARTIAL with the reason.
 */
import { errorMessage } from '../../core/errors.js';
import type { ComplianceRecord, RuleFailure } from '../../core/model.js';
import { failureName } from './errors.js';
import type { RegionReader } from './ports.js';
import { buildTagQueries, parseTagRow, resourceKey } from './tagQueries.js';

/** `rule_name` of the failure entry that reports unreadable tags (it is not a Config rule). */
export const TAGS_PSEUDO_RULE = '(resource tags)';

/**
 * Reads the tags of every resource type the records mention and sets `record.tags` (only keys
 * starting with `prefix`). Returns a failure entry when some types could not be read.
 */
export async function readResourceTags(
  reader: Pick<RegionReader, 'selectResources'>,
  records: ComplianceRecord[],
  prefix: string,
): Promise<RuleFailure | undefined> {
  if (records.length === 0) return undefined;
  const wanted = new Set(records.map((r) => resourceKey(r.resource_type, r.resource_id)));
  const { queries, unquotable } = buildTagQueries(records.map((r) => r.resource_type));
  const index = new Map<string, Record<string, string>>();
  const failed: { types: string[]; name: string; message: string }[] = [];
  if (unquotable.length > 0) {
    failed.push({ types: unquotable, name: 'UnquotableResourceType', message: 'cannot be used in a query' });
  }
  for (const query of queries) {
    try {
      const rows = await reader.selectResources(query.expression);
      for (const row of rows) {
        const parsed = parseTagRow(row, prefix);
        if (!parsed) continue;
        const key = resourceKey(parsed.resourceType, parsed.resourceId);
        // Keep only evaluated resources: the query returns every resource of the type.
        if (wanted.has(key) && Object.keys(parsed.tags).length > 0) index.set(key, parsed.tags);
      }
    } catch (error) {
      failed.push({ types: query.resourceTypes, name: failureName(error), message: errorMessage(error) });
    }
  }
  for (const record of records) {
    const tags = index.get(resourceKey(record.resource_type, record.resource_id));
    if (tags) record.tags = { ...tags };
  }
  if (failed.length === 0) return undefined;
  const first = failed[0]!;
  const types = failed.flatMap((f) => f.types);
  const typeSet = new Set(types);
  const affected = records.filter((r) => typeSet.has(r.resource_type)).length;
  return {
    rule_name: TAGS_PSEUDO_RULE,
    error_name: first.name,
    error_message:
      `tags of ${types.length} resource type(s) (${types.join(', ')}) could not be read: ${first.message}; ${affected} records kept without ownership tags`.slice(
        0,
        1000,
      ),
  };
}
