/**
 * A small XML reader for the official ICD-10-CM extracts in data/icd10cm/ (elements, attributes, text,
 * comments, the XML declaration and the five predefined entities; nothing else appears in them). It scans
 * with indexOf, once, so its time is linear in the file; anything it does not understand (a DOCTYPE, CDATA,
 * an unclosed or mismatched tag, an unknown entity) throws with the offset, so a damaged extract fails loudly
 * instead of giving a card that cites text the file does not hold.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  /** Child elements and text, in document order (comments are dropped). */
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (!raw.includes("&")) return raw;
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf("&", i);
    if (amp < 0) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, amp);
    const semi = raw.indexOf(";", amp);
    const name = semi < 0 ? "" : raw.slice(amp + 1, semi);
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`XML: unknown entity at offset ${at + amp}`);
    out += value;
    i = semi + 1;
  }
  return out;
}

function isNameChar(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "." || c === "-" || c === "_" || c === ":";
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\n" || c === "\r" || c === "\t";
}

/** Parses a tag's inside (after `<`, before `>` or `/>`): its name and attributes. */
function parseTag(inside: string, at: number): { name: string; attrs: Record<string, string> } {
  let i = 0;
  while (i < inside.length && isNameChar(inside[i]!)) i++;
  const name = inside.slice(0, i);
  if (!name) throw new Error(`XML: tag without a name at offset ${at}`);
  const attrs: Record<string, string> = {};
  for (;;) {
    while (isSpace(inside[i])) i++;
    if (i >= inside.length) break;
    const start = i;
    while (i < inside.length && isNameChar(inside[i]!)) i++;
    const key = inside.slice(start, i);
    if (!key || inside[i] !== "=") throw new Error(`XML: bad attribute at offset ${at + start}`);
    const quote = inside[i + 1];
    if (quote !== '"' && quote !== "'") throw new Error(`XML: unquoted attribute at offset ${at + i}`);
    const end = inside.indexOf(quote, i + 2);
    if (end < 0) throw new Error(`XML: unclosed attribute at offset ${at + i}`);
    attrs[key] = decode(inside.slice(i + 2, end), at + i + 2);
    i = end + 1;
  }
  return { name, attrs };
}

/** Parses a whole document; returns its root element. */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [{ name: "#document", attrs: {}, children: [] }];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i) {
      const text = decode(xml.slice(i, textEnd), i);
      if (stack.length > 1) stack[stack.length - 1]!.children.push(text);
      else if (text.trim()) throw new Error(`XML: text outside the root element at offset ${i}`);
    }
    if (lt < 0) break;
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) throw new Error(`XML: unclosed comment at offset ${lt}`);
      i = end + 3;
      continue;
    }
    if (xml.startsWith("<?", lt)) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0) throw new Error(`XML: unclosed declaration at offset ${lt}`);
      i = end + 2;
      continue;
    }
    if (xml.startsWith("<!", lt)) throw new Error(`XML: DOCTYPE and CDATA are not expected (offset ${lt})`);
    const gt = xml.indexOf(">", lt + 1);
    if (gt < 0) throw new Error(`XML: unclosed tag at offset ${lt}`);
    if (xml[lt + 1] === "/") {
      const name = xml.slice(lt + 2, gt).trim();
      const open = stack.pop()!;
      if (stack.length === 0 || open.name !== name) throw new Error(`XML: </${name}> does not close <${open.name}> (offset ${lt})`);
      i = gt + 1;
      continue;
    }
    const selfClosing = xml[gt - 1] === "/";
    const { name, attrs } = parseTag(xml.slice(lt + 1, selfClosing ? gt - 1 : gt), lt + 1);
    const el: XmlElement = { name, attrs, children: [] };
    const parent = stack[stack.length - 1]!;
    if (parent.name === "#document" && parent.children.length) throw new Error(`XML: a second root element at offset ${lt}`);
    parent.children.push(el);
    if (!selfClosing) stack.push(el);
    i = gt + 1;
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1]!.name}> is not closed`);
  const root = stack[0]!.children.find((c): c is XmlElement => typeof c !== "string");
  if (!root) throw new Error("XML: no root element");
  return root;
}

/** Child elements named `name` (all child elements when it is left out). */
export function elements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string" && (name === undefined || c.name === name));
}

/** The first child element named `name`. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return elements(el, name)[0];
}

/** The concatenated text of an element and its descendants, as in the file (entities decoded). */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}
