/**
 * Optional lists of the summary JSON that only newer reports carry (the schema only ever adds
 * fields): top owners, worst rules by logical rule. They are read defensively — any entry that is
 * not the expected shape is left out — so the HTML summary renders a summary of any age, and a
 * malformed optional list can never break the required sections.
 */

/** One rated row of an optional list: a label, and whichever counts the entry carries. */
export interface RatedRow {
  label: string;
  accounts?: number;
  compliant?: number;
  non_compliant?: number;
  compliance_ratio: number | null;
}

/** The numeric fields a rated row may carry. */
const COUNT_FIELDS = ['accounts', 'compliant', 'non_compliant'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

function ratioOf(value: unknown): number | null | undefined {
  if (value === null) return null;
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : undefined;
}

function ratedRow(entry: unknown, labelFields: readonly string[]): RatedRow | undefined {
  if (!isRecord(entry)) return undefined;
  const label = labelFields.map((field) => entry[field]).find((v): v is string => typeof v === 'string');
  const ratio = ratioOf(entry.compliance_ratio);
  if (label === undefined || ratio === undefined) return undefined;
  const row: RatedRow = { label, compliance_ratio: ratio };
  for (const field of COUNT_FIELDS) {
    const value = entry[field];
    if (isCount(value)) row[field] = value;
  }
  return row;
}

/**
 * The rated rows of the optional list `field` of `summary`, labelled by the first string among
 * `labelFields`; `undefined` when the summary has no such list (not an array).
 */
export function optionalRatedRows(
  summary: object,
  field: string,
  labelFields: readonly string[],
): RatedRow[] | undefined {
  const list = (summary as Record<string, unknown>)[field];
  if (!Array.isArray(list)) return undefined;
  return list.map((entry) => ratedRow(entry, labelFields)).filter((row) => row !== undefined);
}

/** Top owners by non-compliant evaluations (`top_owners`), when the summary carries them. */
export function topOwners(summary: object): RatedRow[] | undefined {
  return optionalRatedRows(summary, 'top_owners', ['owner', 'name', 'value']);
}

/** Worst rules by logical rule (`worst_logical_rules`), when the summary carries them. */
export function worstLogicalRules(summary: object): RatedRow[] | undefined {
  return optionalRatedRows(summary, 'worst_logical_rules', ['logical_rule', 'rule', 'rule_name', 'name']);
}
