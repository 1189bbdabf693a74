/** An element of an XML document: its name, its child elements and its own text (CDATA included). */
export interface XmlElement {
  name: string;
  /** 1-based line of its start tag, for messages. */
  line: number;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'XmlError';
  }
}

const NAME = /[^\s/>=<"'&!?]+/y;
const ATTRIBUTE = /\s*([^\s/>=<"'&]+)\s*=\s*("[^"<]*"|'[^'<]*')/y;
const ENTITY = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/y;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A small well-formedness parser for the XML files a form attaches (ODK's external secondary instances):
 * elements, text, CDATA, comments, the XML declaration and the five predefined entities. Attributes are
 * checked and dropped (the items' data is in child elements). A DOCTYPE with declarations is refused: no
 * entity is ever expanded. Pure, so the conversion can run anywhere; throws XmlError with the line.
 */
export function parseXml(source: string): XmlElement {
  const text = source.replace(/^\uFEFF/, '');
  let i = 0;
  // Lines are counted forward only: positions asked for never go back.
  let lineAt = 1;
  let linePos = 0;
  const line = (pos: number): number => {
    for (; linePos < pos; linePos++) if (text.charCodeAt(linePos) === 10) lineAt++;
    return lineAt;
  };
  const error = (message: string, pos = i) => new XmlError(message, line(pos));
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;

  const addText = (chunk: string, start: number) => {
    const top = stack.at(-1);
    if (!top) {
      if (chunk.trim() !== '') throw error('text outside the document element', start);
      return;
    }
    let out = '';
    let from = 0;
    for (let amp = chunk.indexOf('&'); amp >= 0; amp = chunk.indexOf('&', from)) {
      out += chunk.slice(from, amp);
      ENTITY.lastIndex = amp;
      const match = ENTITY.exec(chunk);
      if (!match) throw error('& must be written &amp;', start + amp);
      const [whole, hex, dec, named] = match;
      const code = hex ? parseInt(hex, 16) : dec ? Number(dec) : undefined;
      if (code !== undefined && (code === 0 || code > 0x10ffff))
        throw error(`${whole} is not a character`, start + amp);
      out += code !== undefined ? String.fromCodePoint(code) : (NAMED[named ?? ''] ?? '');
      from = amp + whole.length;
    }
    top.text += out + chunk.slice(from);
  };

  const skipTo = (end: string, what: string) => {
    const at = text.indexOf(end, i);
    if (at < 0) throw error(`${what} is not closed`);
    i = at + end.length;
  };

  const readName = (): string => {
    NAME.lastIndex = i;
    const match = NAME.exec(text);
    if (!match) throw error('a tag name is expected after <');
    i = NAME.lastIndex;
    return match[0];
  };

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? text.length : lt;
    if (end > i) addText(text.slice(i, end), i);
    i = end;
    if (lt < 0) break;
    if (text.startsWith('<!--', i)) skipTo('-->', 'A comment');
    else if (text.startsWith('<![CDATA[', i)) {
      const top = stack.at(-1);
      if (!top) throw error('CDATA outside the document element');
      const close = text.indexOf(']]>', i);
      if (close < 0) throw error('A CDATA section is not closed');
      top.text += text.slice(i + 9, close);
      i = close + 3;
    } else if (text.startsWith('<?', i)) skipTo('?>', 'A processing instruction');
    else if (text.startsWith('<!DOCTYPE', i)) {
      const close = text.indexOf('>', i);
      if (close < 0) throw error('The DOCTYPE is not closed');
      if (text.slice(i, close).includes('['))
        throw error('DOCTYPE declarations are not supported: remove the DOCTYPE');
      i = close + 1;
    } else if (text.startsWith('</', i)) {
      const start = i;
      i += 2;
      const name = readName();
      while (/\s/.test(text.charAt(i))) i++;
      if (text[i] !== '>') throw error(`</${name} is not closed by >`);
      i++;
      const open = stack.pop();
      if (!open) throw error(`</${name}> closes no element`, start);
      else if (open.name !== name)
        throw error(`</${name}> closes <${open.name}> of line ${open.line}`, start);
    } else {
      const start = i;
      i++;
      const name = readName();
      for (;;) {
        ATTRIBUTE.lastIndex = i;
        if (!ATTRIBUTE.exec(text)) break;
        i = ATTRIBUTE.lastIndex;
      }
      while (/\s/.test(text.charAt(i))) i++;
      const selfClosing = text.startsWith('/>', i);
      if (!selfClosing && text[i] !== '>')
        throw error(`<${name}: malformed attribute or tag not closed by >`);
      i += selfClosing ? 2 : 1;
      const element: XmlElement = { name, line: line(start), children: [], text: '' };
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else if (root) throw error(`<${name}>: a document has one element at its top, <${root.name}>`, start);
      else root = element;
      if (!selfClosing) stack.push(element);
    }
  }
  const open = stack.at(-1);
  if (open) throw new XmlError(`<${open.name}> is not closed`, open.line);
  if (!root) throw error('There is no element in this file');
  return root;
}
