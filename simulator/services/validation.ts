/**
 * Input constraints of the service models (ranges, lengths, enums), answered the way AWS's request
 * validation answers them: `ValidationException` with its "1 validation error detected" message.
 * Organizations models no ValidationException; it reports the same violations as
 * InvalidInputException with a `Reason` from its model (see organizations.ts).
 */
import { SimError, validationMessage } from '../http/errors.js';

/** Coral's member path: the member name with a lower-case first letter (`Limit` → `limit`). */
export function memberPath(member: string): string {
  return member
    .split('.')
    .map((part) => part.charAt(0).toLowerCase() + part.slice(1))
    .join('.');
}

function violation(value: unknown, member: string, constraint: string): SimError {
  return new SimError('ValidationException', validationMessage(value, memberPath(member), constraint));
}

/** A modelled integer range (`@range`): out of range → ValidationException. */
export function checkRange(value: number, member: string, min: number, max: number): void {
  if (value < min) throw violation(value, member, `Member must have value greater than or equal to ${min}`);
  if (value > max) throw violation(value, member, `Member must have value less than or equal to ${max}`);
}

/** A modelled length (`@length`) of a string or a list: out of bounds → ValidationException. */
export function checkLength(
  value: string | readonly string[],
  member: string,
  min: number,
  max: number,
): void {
  const shown = typeof value === 'string' ? value : `[${value.join(', ')}]`;
  if (value.length < min)
    throw violation(shown, member, `Member must have length greater than or equal to ${min}`);
  if (value.length > max)
    throw violation(shown, member, `Member must have length less than or equal to ${max}`);
}

/** A modelled enum member: a value outside the set → ValidationException. */
export function checkEnum(value: string, member: string, allowed: readonly string[]): void {
  if (!allowed.includes(value))
    throw violation(value, member, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
}

/** A list of a modelled enum: any value outside the set → ValidationException. */
export function checkEnumList(values: readonly string[], member: string, allowed: readonly string[]): void {
  if (values.every((v) => allowed.includes(v))) return;
  throw violation(
    `[${values.join(', ')}]`,
    member,
    `Member must satisfy constraint: [Member must satisfy enum value set: [${allowed.join(', ')}]]`,
  );
}
