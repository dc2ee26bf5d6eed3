/**
 * `<conditionalFormatting>` XML for the two rule kinds of the interface. Rules are validated when
 * the sheet is opened (so a bad rule fails before any row is written) and rendered when it closes,
 * once the data range is known.
 */
import { cellRef, columnLetter } from './cellRef.js';
import { DXF } from './styles.js';
import { escapeXmlText, stripIllegalXml } from './text.js';
import type { ConditionalRule } from './types.js';

/** Excel rejects string literals longer than 255 characters inside a formula. */
const MAX_FORMULA_STRING = 255;

/** Throws a RangeError naming what is wrong with a rule. */
export function validateRule(rule: ConditionalRule): void {
  if (!Number.isInteger(rule.column) || rule.column < 0) {
    throw new RangeError(`conditional rule column ${rule.column} is not a 0-based column index`);
  }
  columnLetter(rule.column); // throws past Excel's last column
  if (rule.kind === 'trafficLight') {
    if (!Number.isFinite(rule.red) || !Number.isFinite(rule.yellow) || rule.red > rule.yellow) {
      throw new RangeError(
        `traffic light needs finite thresholds with red ≤ yellow (got ${rule.red}, ${rule.yellow})`,
      );
    }
  } else {
    for (const m of rule.matches) {
      if (stripIllegalXml(m.value).length > MAX_FORMULA_STRING) {
        throw new RangeError(`textEquals value is longer than ${MAX_FORMULA_STRING} characters`);
      }
    }
  }
}

/** A formula string literal: `"a""b"` for a"b, XML-escaped. */
const formulaString = (value: string): string =>
  escapeXmlText(`"${stripIllegalXml(value).replaceAll('"', '""')}"`);

/**
 * Conditional formats for data rows `firstRow..lastRow` (1-based, inclusive). Priorities are unique
 * across the sheet and follow the rule order. Returns '' when there are no data rows.
 *
 * Traffic light, in priority order: blank cells stop evaluation (Excel treats a blank as 0, which
 * would paint every empty ratio red); `< red` → red; `≥ yellow` → green; `between red and yellow`
 * → yellow. Green before yellow makes a value equal to `yellow` green, as the interface says.
 */
export function conditionalFormattingXml(
  rules: readonly ConditionalRule[],
  firstRow: number,
  lastRow: number,
): string {
  if (lastRow < firstRow || rules.length === 0) return '';
  let priority = 1;
  let xml = '';
  for (const rule of rules) {
    const col = columnLetter(rule.column);
    const sqref = `${col}${firstRow}:${col}${lastRow}`;
    const topLeft = cellRef(rule.column, firstRow);
    let body = '';
    if (rule.kind === 'trafficLight') {
      const red = String(rule.red);
      const yellow = String(rule.yellow);
      body =
        `<cfRule type="containsBlanks" priority="${priority++}" stopIfTrue="1">` +
        `<formula>LEN(TRIM(${topLeft}))=0</formula></cfRule>` +
        `<cfRule type="cellIs" dxfId="${DXF.bad}" priority="${priority++}" operator="lessThan">` +
        `<formula>${red}</formula></cfRule>` +
        `<cfRule type="cellIs" dxfId="${DXF.good}" priority="${priority++}" operator="greaterThanOrEqual">` +
        `<formula>${yellow}</formula></cfRule>` +
        `<cfRule type="cellIs" dxfId="${DXF.warn}" priority="${priority++}" operator="between">` +
        `<formula>${red}</formula><formula>${yellow}</formula></cfRule>`;
    } else {
      for (const m of rule.matches) {
        body +=
          `<cfRule type="cellIs" dxfId="${DXF[m.fill]}" priority="${priority++}" operator="equal">` +
          `<formula>${formulaString(m.value)}</formula></cfRule>`;
      }
    }
    if (body) xml += `<conditionalFormatting sqref="${sqref}">${body}</conditionalFormatting>`;
  }
  return xml;
}
