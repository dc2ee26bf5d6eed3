/**
 * Safe HTML building. Every text of the summary can be hostile (account names and owner tags are
 * whatever someone typed into AWS), so markup is built only with the {@link html} tagged template,
 * which escapes every interpolated string; already rendered fragments are {@link Html} values and
 * pass through. Forgetting to escape would take an explicit {@link trusted} call.
 */

/** A fragment of rendered, already safe markup. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated: text (escaped), finite numbers, fragments, lists of them, or nothing. */
export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for element content and quoted attribute values. Control characters other than tab,
 * newline and carriage return (HTML parse errors; NUL is dropped by parsers) become U+FFFD, and so do
 * lone surrogates, which have no UTF-8 encoding.
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(value: Interpolation): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'number') {
    // A number in markup is a bug upstream if it is not finite; never print "NaN" into a report.
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  return escapeText(String(value));
}

/** Tagged template: the literal parts are markup, every interpolation is escaped unless it is {@link Html}. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Markup the code itself produced (the style sheet, an SVG path): never text from the summary. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/**
 * A hostile name as inline content: escaped, and isolated from the surrounding text's direction
 * (`<bdi>`), so a right-to-left override in an account name cannot reorder the cells around it.
 */
export function name(text: string): Html {
  return html`<bdi>${text}</bdi>`;
}

/** Cuts text to `max` characters (not splitting a surrogate pair), with `…` when it was longer. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
