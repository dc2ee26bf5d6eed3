/**
 * The official service models, as far as the SDK v3 clients in node_modules carry them offline:
 * - structures, members, types and required members from the clients' bundled Smithy schemas
 *   (the `Xxx$` schema exports, read through @smithy/core's NormalizedSchema, which the clients'
 *   own serde uses), including each operation's output and each modelled error;
 * - enum value sets from the clients' model constants (`ComplianceType` …), tied to the members
 *   that use them by the clients' declaration files (`Status?: AccountStatus | undefined`), because
 *   the schemas no longer carry enum traits.
 * Range, length and pattern traits are in neither (the SDK dropped them), so they are not here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NormalizedSchema } from '@smithy/core/schema';
import ts from 'typescript';

/** An enum constraint on a member: its model enum and whether the member is a list of it. */
export interface EnumRef {
  enumName: string;
  values: readonly string[];
  list: boolean;
}

/** One service's model. */
export interface ServiceModel {
  packageName: string;
  /** The output structure of an operation (from its Command's schema). */
  output(operation: string): NormalizedSchema;
  /** A modelled error by its wire code (awsJson `__type`, awsQuery `<Code>`). */
  error(code: string): NormalizedSchema | undefined;
  /** The enum constraint of `structure.member`, if the model has one. */
  enumOf(structure: string, member: string): EnumRef | undefined;
}

const require = createRequire(import.meta.url);

/** Enum constants declared in the client's `enums.d.ts`, with their runtime values. */
function enumValues(typesDir: string, pkg: Record<string, unknown>): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  const text = readFileSync(join(typesDir, 'enums.d.ts'), 'utf8');
  for (const m of text.matchAll(/export declare const (\w+): \{/g)) {
    const value = pkg[m[1]!];
    if (value && typeof value === 'object') out.set(m[1]!, Object.values(value as Record<string, string>));
  }
  return out;
}

/** `Structure → member → enum` from every interface and error class in the declaration files. */
function enumMembers(
  typesDir: string,
  enums: Map<string, readonly string[]>,
): Map<string, Map<string, EnumRef>> {
  const out = new Map<string, Map<string, EnumRef>>();
  const refOf = (type: ts.TypeNode): EnumRef | undefined => {
    if (ts.isUnionTypeNode(type)) {
      for (const t of type.types) {
        const ref = refOf(t);
        if (ref) return ref;
      }
      return undefined;
    }
    if (ts.isArrayTypeNode(type)) {
      const inner = refOf(type.elementType);
      return inner ? { ...inner, list: true } : undefined;
    }
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const values = enums.get(type.typeName.text);
      return values ? { enumName: type.typeName.text, values, list: false } : undefined;
    }
    return undefined;
  };
  for (const file of readdirSync(typesDir).filter((f) => f.endsWith('.d.ts'))) {
    const source = ts.createSourceFile(
      file,
      readFileSync(join(typesDir, file), 'utf8'),
      ts.ScriptTarget.Latest,
    );
    for (const node of source.statements) {
      if (!(ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) || !node.name) continue;
      const members = new Map<string, EnumRef>();
      for (const member of node.members) {
        if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member))) continue;
        if (!member.type || !ts.isIdentifier(member.name)) continue;
        const ref = refOf(member.type);
        if (ref) members.set(member.name.text, ref);
      }
      if (members.size > 0) out.set(node.name.text, members);
    }
  }
  return out;
}

/** Loads the model of one client package, e.g. `@aws-sdk/client-organizations`. */
export function loadServiceModel(packageName: string): ServiceModel {
  const pkg = require(packageName) as Record<string, unknown>;
  const typesDir = join(dirname(dirname(require.resolve(packageName))), 'dist-types', 'models');
  const enums = enumMembers(typesDir, enumValues(typesDir, pkg));
  const errors = new Map<string, NormalizedSchema>();
  for (const [name, value] of Object.entries(pkg)) {
    if (!name.endsWith('$') || !Array.isArray(value) || value[0] !== -3) continue;
    const traits = (value[3] ?? {}) as { awsQueryError?: [string, number] };
    errors.set(traits.awsQueryError?.[0] ?? String(value[2]), NormalizedSchema.of(value as never));
  }
  return {
    packageName,
    output(operation) {
      const Command = pkg[`${operation}Command`] as
        | (new (
            input: object,
          ) => { schema: unknown[] })
        | undefined;
      if (!Command) throw new Error(`${packageName} has no ${operation}Command`);
      return NormalizedSchema.of(new Command({}).schema[5] as never);
    },
    error: (code) => errors.get(code),
    enumOf: (structure, member) => enums.get(structure)?.get(member),
  };
}
