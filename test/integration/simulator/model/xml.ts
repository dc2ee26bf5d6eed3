/**
 * A strict little XML reader for the awsQuery answers the simulator writes: elements, attributes
 * (kept only to be ignored), text with the five predefined entities, an optional declaration. No
 * CDATA, comments or DTDs, which STS never sends; anything malformed throws.
 */

/** One element: its local name, child elements and text content (trimmed when it has children). */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ENTITIES[e]!);
}

/** Parses a document into its root element. */
export function parseXml(source: string): XmlElement {
  const body = source.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  let consumed = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    consumed = tag.lastIndex;
    const [, closing, name, , selfClosing, text] = m;
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bad entity in ${JSON.stringify(text)}`);
      const top = stack.at(-1);
      if (top) top.text += decode(text);
      else if (text.trim()) throw new Error('text outside the root element');
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      if (open.children.length > 0) open.text = open.text.trim();
      if (stack.length === 0) root = open;
      continue;
    }
    const element: XmlElement = { name: name!, children: [], text: '' };
    if (root) throw new Error('more than one root element');
    stack.at(-1)?.children.push(element);
    if (selfClosing) {
      if (stack.length === 0) root = element;
    } else stack.push(element);
  }
  if (consumed !== body.length || stack.length > 0 || !root) throw new Error('malformed XML');
  return root;
}
