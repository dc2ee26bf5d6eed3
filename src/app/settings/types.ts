/**
 * The resolved settings' type, derived from the table: every row's value (its schema's output)
 * lands at each of its targets, optional where the row has no fallback. Modes declare their own
 * settings types; the composition root assigns these sections to them, so a field a mode needs and
 * the table lacks is a compile error.
 */
import type { z } from 'zod';
import type { SETTINGS } from './table.js';

type Nest<P extends string, V, Optional extends boolean> = P extends `${infer Head}.${infer Rest}`
  ? { [K in Head]: Nest<Rest, V, Optional> }
  : Optional extends true
    ? { [K in P]?: V }
    : { [K in P]: V };

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

type RowValue<R> = R extends { schema: infer S extends z.ZodType } ? z.output<S> : never;
type RowOptional<R> = R extends { fallback: unknown } ? false : true;
type RowTargets<R> = R extends { to: readonly (infer T)[] } ? T : never;

type Placed<R> =
  RowTargets<R> extends infer T ? (T extends string ? Nest<T, RowValue<R>, RowOptional<R>> : never) : never;

type Table = typeof SETTINGS;

/** Flattens intersections for readable hover types. */
type Expand<T> = T extends object ? { [K in keyof T]: Expand<T[K]> } : T;

/** The resolved settings, grouped by section. */
export type Settings = Expand<UnionToIntersection<{ [K in keyof Table]: Placed<Table[K]> }[keyof Table]>>;

/** A setting's name: a key of the table. */
export type SettingName = keyof Table;
