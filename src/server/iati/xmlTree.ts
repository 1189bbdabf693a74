import { SaxesParser } from 'saxes';
import { iatiRefusal, xmlRefusal, type IatiMessage, type IatiParams } from '../../core/iati/importMessages';

/** An element of a parsed XML file: enough of a DOM for reading IATI, with the line it starts on. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (its text nodes joined), trimmed. */
  text: string;
  line: number;
}

/** A file refused: where and why, as a code for the admin page and in English for the operator. */
export class IatiFileError extends Error {
  readonly reason: string;
  readonly code: string;
  readonly params: IatiParams;
  constructor(
    readonly line: number,
    readonly column: number | null,
    refusal: IatiMessage,
  ) {
    super(`line ${line}${column === null ? '' : `, column ${column}`}: ${refusal.message}`);
    this.reason = refusal.message;
    this.code = refusal.code;
    this.params = refusal.params;
  }
}

/**
 * Parses XML into a tree with saxes, a streaming parser that never reads a DTD: a file with a DOCTYPE is
 * refused outright, so no external entity (XXE) is fetched and no entity is expanded (billion laughs); only
 * XML's five predefined entities and character references are known. Namespaced attributes keep their
 * prefix (`xml:lang`); elements of other namespaces (extensions) come out like any other and are ignored by
 * the reader.
 */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  const texts: string[][] = [];
  let root: XmlElement | null = null;
  // An array, not a `let`: the handlers set it, which TypeScript's narrowing cannot see.
  const failures: IatiFileError[] = [];
  const fail = (refusal: IatiMessage): void => {
    if (failures.length === 0) failures.push(new IatiFileError(parser.line, parser.column, refusal));
  };
  parser.on('error', (err) => {
    // saxes prefixes its messages with the position; ours carries it apart.
    fail(xmlRefusal(err.message.replace(/^(?:[^:\s]*:)?\d+:\d+: /, '')));
  });
  parser.on('doctype', () => fail(iatiRefusal('doctype_refused')));
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attrs[name] = String(value);
    const element: XmlElement = { name: tag.name, attrs, children: [], text: '', line: parser.line };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    texts.push([]);
  });
  const onText = (t: string): void => {
    texts.at(-1)?.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const element = stack.pop();
    const parts = texts.pop();
    if (!element) return;
    element.text = (parts ?? []).join('').trim();
    if (stack.length === 0) root = element;
  });
  try {
    parser.write(text.startsWith('\uFEFF') ? text.slice(1) : text);
    if (failures.length === 0) parser.close();
  } catch (err) {
    fail(xmlRefusal(err instanceof Error ? err.message.replace(/^(?:[^:\s]*:)?\d+:\d+: /, '') : String(err)));
  }
  if (failures[0]) throw failures[0];
  if (!root) throw new IatiFileError(parser.line, parser.column, iatiRefusal('no_element'));
  return root;
}

/** The children of `el` named `name`. */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c) => c.name === name);

/** The first child of `el` named `name`. */
export const childNamed = (el: XmlElement, name: string): XmlElement | undefined =>
  el.children.find((c) => c.name === name);
