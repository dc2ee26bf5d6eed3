/**
 * Validates a raw response against a service model (sdkModel.ts): every member the model knows
 * (no others), required members present, types as the protocol writes them (awsJson: JSON types,
 * epoch-second timestamps; awsQuery: XML text, ISO-8601 timestamps, lists as `<member>`), and
 * enum members within their model enum. Returns the violations as readable strings.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import type { ServiceModel } from './sdkModel.js';
import type { XmlElement } from './xml.js';

/** How the protocol writes values. */
export type Flavor = 'json' | 'xml';

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

interface Walk {
  model: ServiceModel;
  flavor: Flavor;
  problems: string[];
}

/** The members of a structure value: JSON object entries, or XML child elements by name. */
function membersOf(w: Walk, value: unknown, path: string): [string, unknown][] | undefined {
  if (w.flavor === 'xml') {
    const el = value as XmlElement;
    const names = el.children.map((c) => c.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) w.problems.push(`${path}.${twice}: appears twice`);
    return el.children.map((c) => [c.name, c]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    w.problems.push(`${path}: expected a structure, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return Object.entries(value);
}

/** The items of a list value: a JSON array, or XML `<member>` children. */
function itemsOf(w: Walk, value: unknown, path: string): unknown[] | undefined {
  if (w.flavor === 'xml') {
    const el = value as XmlElement;
    const other = el.children.find((c) => c.name !== 'member');
    if (other) w.problems.push(`${path}: list holds <${other.name}>, not <member>`);
    return el.children;
  }
  if (!Array.isArray(value)) {
    w.problems.push(`${path}: expected a list, got ${JSON.stringify(value)}`);
    return undefined;
  }
  return value;
}

/** A scalar's value: the JSON value, or the text of a leaf XML element. */
function scalarOf(w: Walk, value: unknown, path: string): unknown {
  if (w.flavor === 'json') return value;
  const el = value as XmlElement;
  if (el.children.length > 0) w.problems.push(`${path}: expected text, got elements`);
  return el.text;
}

function checkScalar(w: Walk, schema: NormalizedSchema, raw: unknown, path: string): void {
  const value = scalarOf(w, raw, path);
  const xml = w.flavor === 'xml';
  const bad = (what: string) => w.problems.push(`${path}: expected ${what}, got ${JSON.stringify(value)}`);
  if (schema.isTimestampSchema()) {
    if (xml ? !(typeof value === 'string' && ISO_8601.test(value)) : !Number.isFinite(value)) {
      bad(xml ? 'an ISO-8601 timestamp' : 'epoch seconds');
    }
  } else if (schema.isBooleanSchema()) {
    if (xml ? value !== 'true' && value !== 'false' : typeof value !== 'boolean') bad('a boolean');
  } else if (schema.isNumericSchema() || schema.isBigIntegerSchema() || schema.isBigDecimalSchema()) {
    if (xml ? !/^-?\d+(\.\d+)?$/.test(String(value)) : typeof value !== 'number' || !Number.isFinite(value)) {
      bad('a number');
    }
  } else if (schema.isStringSchema() || schema.isBlobSchema()) {
    if (typeof value !== 'string') bad('a string');
  }
}

function checkStruct(w: Walk, schema: NormalizedSchema, value: unknown, path: string): void {
  const entries = membersOf(w, value, path);
  if (!entries) return;
  const raw = schema.getSchema() as unknown as unknown[];
  const names = raw[4] as string[];
  // Smithy schemas list the required members first and count them in the seventh slot.
  const required = names.slice(0, Number(raw[6] ?? 0));
  const present = new Set(entries.map(([name]) => name));
  for (const name of required) if (!present.has(name)) w.problems.push(`${path}.${name}: required, missing`);
  const structure = schema.getName() ?? '';
  for (const [name, member] of entries) {
    const memberPath = `${path}.${name}`;
    if (!names.includes(name)) {
      w.problems.push(`${memberPath}: not a member of ${structure}`);
      continue;
    }
    const enumRef = w.model.enumOf(structure, name);
    const memberSchema = schema.getMemberSchema(name);
    if (enumRef && !enumRef.list)
      checkEnum(w, enumRef.values, scalarOf(w, member, memberPath), enumRef.enumName, memberPath);
    if (enumRef?.list) {
      for (const [i, item] of (itemsOf(w, member, memberPath) ?? []).entries()) {
        checkEnum(
          w,
          enumRef.values,
          scalarOf(w, item, `${memberPath}[${i}]`),
          enumRef.enumName,
          `${memberPath}[${i}]`,
        );
      }
    }
    checkShape(w, memberSchema, member, memberPath);
  }
}

function checkEnum(w: Walk, values: readonly string[], value: unknown, name: string, path: string): void {
  if (!values.includes(value as string))
    w.problems.push(`${path}: ${JSON.stringify(value)} is not a ${name}`);
}

/** Checks `value` against `schema`, recursively. */
function checkShape(w: Walk, schema: NormalizedSchema, value: unknown, path: string): void {
  if (w.flavor === 'json' && value === null) {
    w.problems.push(`${path}: null (AWS omits absent members)`);
    return;
  }
  if (schema.isStructSchema()) {
    checkStruct(w, schema, value, path);
    return;
  }
  if (schema.isListSchema()) {
    const items = itemsOf(w, value, path) ?? [];
    for (const [i, item] of items.entries()) checkShape(w, schema.getValueSchema(), item, `${path}[${i}]`);
    return;
  }
  if (schema.isMapSchema()) {
    if (w.flavor === 'xml') {
      w.problems.push(`${path}: maps in XML are not checked`);
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      checkShape(w, schema.getValueSchema(), v, `${path}.${k}`);
    }
    return;
  }
  if (schema.isDocumentSchema()) return;
  checkScalar(w, schema, value, path);
}

/** Validates `value` (parsed JSON, or the XML element holding the structure) against `schema`. */
export function validateAgainst(
  model: ServiceModel,
  schema: NormalizedSchema,
  value: unknown,
  flavor: Flavor,
  path: string,
): string[] {
  const walk: Walk = { model, flavor, problems: [] };
  checkShape(walk, schema, value, path);
  return walk.problems;
}
