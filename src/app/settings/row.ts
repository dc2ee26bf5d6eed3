/**
 * The shape of one row of the settings table, and how a row's raw text (a flag or an environment
 * variable) becomes a value before its schema validates it. Config-file values arrive typed (JSON)
 * and go straight to the schema.
 */
import type { z } from 'zod';

/** How raw text becomes a value: a string, a number, a switch, a comma list or a JSON document. */
export type SettingKind = 'string' | 'number' | 'bool' | 'list' | 'json';

/** The sections the resolved settings are grouped in; each mode or layer reads its own. */
export type Section = 'store' | 'aws' | 'pacing' | 'run' | 'plan' | 'batch' | 'final';

/** The CLI commands that take settings as flags. */
export type CliCommand = 'run' | 'plan' | 'batch' | 'final' | 'doctor';

/** Where a value goes: `<section>.<field>` or `<section>.<field>.<subfield>`. */
export type Target = `${Section}.${string}`;

/** One setting. */
export interface SettingRow<S extends z.ZodType = z.ZodType> {
  /** Environment variables, first set one wins (the Lambda function reads only these). */
  readonly env: readonly string[];
  /** The CLI flag, when the command line exposes the setting (`--shard-size`). */
  readonly flag?: string;
  /**
   * The flag that turns a `bool` setting off (`--no-html`), for a setting that is on by default:
   * `flag` turns it on, this one off, and neither leaves it to the environment, file or default.
   */
  readonly negation?: `--no-${string}`;
  /** The commands that take the flag (required with `flag`). */
  readonly commands?: readonly CliCommand[];
  /** Key in the config file (snake_case, like the event fields). */
  readonly file: string;
  readonly kind: SettingKind;
  /** Validates (and may transform) the value. Messages are phrased to follow the setting's name. */
  readonly schema: S;
  /**
   * Value when no source sets it: a constant, or computed from settings resolved before it (rows
   * resolve in table order). Absent: the setting stays unset (optional).
   */
  readonly fallback?: Fallback<S>;
  /** Required when the Lambda function starts (no default makes sense there). */
  readonly requiredInLambda?: boolean;
  /** Where the value goes in the resolved settings. */
  readonly to: readonly Target[];
  /** One line for `--help` and the docs. */
  readonly description: string;
  /**
   * The default in words, for the docs: required where `fallback` is computed (the docs cannot run
   * it), and useful where there is none but something else stands in (the CLI's local folder).
   */
  readonly defaultText?: string;
  /**
   * What the schema checks beyond its shape (a pattern, a cross-setting rule), for the docs: the
   * shape itself (ranges, lengths, choices) is read from the schema (scripts/settingsDocs.ts).
   */
  readonly rule?: string;
}

/** A row's default: a constant, or computed from the settings resolved before it. */
export type Fallback<S extends z.ZodType> =
  | z.output<S>
  | ((resolved: Readonly<Record<string, unknown>>) => z.output<S>);

/**
 * Declares a row, keeping its literal targets and whether it has a default, so the resolved
 * settings' type can be derived from the table (types.ts).
 */
export function row<S extends z.ZodType, const T extends readonly Target[]>(
  spec: SettingRow<S> & { to: T; fallback: Fallback<S> },
): SettingRow<S> & { to: T; fallback: Fallback<S> };
export function row<S extends z.ZodType, const T extends readonly Target[]>(
  spec: SettingRow<S> & { to: T },
): SettingRow<S> & { to: T };
export function row(spec: SettingRow): SettingRow {
  return spec;
}

/** Raw text to a value of the row's kind; text that does not fit is passed on for the schema to refuse. */
export function fromText(kind: SettingKind, text: string): unknown {
  const trimmed = text.trim();
  switch (kind) {
    case 'number':
      return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed) ? Number(trimmed) : trimmed;
    case 'bool': {
      const lowered = trimmed.toLowerCase();
      if (['true', '1', 'yes'].includes(lowered)) return true;
      if (['false', '0', 'no'].includes(lowered)) return false;
      return trimmed;
    }
    case 'list':
      return trimmed
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    case 'json':
      try {
        return JSON.parse(trimmed) as unknown;
      } catch {
        return { invalidJson: trimmed };
      }
    default:
      return trimmed;
  }
}

/** Commander attribute name of a flag (`--shard-size` → `shardSize`). */
export function flagAttribute(flag: string): string {
  return flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
