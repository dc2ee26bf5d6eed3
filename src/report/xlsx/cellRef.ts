/**
 * A1-style cell references. Column letters are computed once per column index and cached, because
 * the row encoder needs them for every cell of every row.
 */

/** Excel's grid: 16,384 columns (A..XFD) and 1,048,576 rows. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

const letterCache: string[] = [];

/** Column letters for a 0-based column index: 0 → `A`, 25 → `Z`, 26 → `AA`. */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_COLUMNS) {
    throw new RangeError(`column index ${index} is outside Excel's 0..${MAX_COLUMNS - 1}`);
  }
  let cached = letterCache[index];
  if (cached === undefined) {
    cached = '';
    let n = index + 1;
    while (n > 0) {
      const rem = (n - 1) % 26;
      cached = String.fromCharCode(65 + rem) + cached;
      n = Math.floor((n - 1) / 26);
    }
    letterCache[index] = cached;
  }
  return cached;
}

/** `A1` for 0-based column and 1-based row. */
export function cellRef(col: number, row1: number): string {
  return columnLetter(col) + row1;
}

/** `$A$1` for 0-based column and 1-based row. */
export function absCellRef(col: number, row1: number): string {
  return `$${columnLetter(col)}$${row1}`;
}

/**
 * Quotes a sheet name for use in a formula or defined name: always single-quoted, with `'` doubled.
 * Quoting even plain names is valid and avoids guessing which names Excel would accept bare.
 */
export function quoteSheetName(name: string): string {
  return `'${name.replaceAll("'", "''")}'`;
}

/** `'Sheet'!$A$2:$A$5` for 0-based columns and 1-based rows. */
export function absRange(sheet: string, col1: number, row1: number, col2: number, row2: number): string {
  return `${quoteSheetName(sheet)}!${absCellRef(col1, row1)}:${absCellRef(col2, row2)}`;
}
