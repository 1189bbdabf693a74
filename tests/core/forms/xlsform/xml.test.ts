import { describe, expect, it } from 'vitest';
import { parseXml, XmlError, type XmlElement } from '../../../../src/core/forms/xlsform/xml';

const shape = (e: XmlElement): unknown => ({
  [e.name]: e.children.length > 0 ? e.children.map(shape) : e.text,
});

function errorOf(text: string): string {
  try {
    parseXml(text);
  } catch (err) {
    if (err instanceof XmlError) return `line ${err.line}: ${err.message}`;
    throw err;
  }
  return expect.fail('the XML was expected to be refused');
}

describe('the XML reader of attached files', () => {
  it('reads elements, text, entities, CDATA; skips the declaration, comments, attributes', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0"?>\n<!DOCTYPE root>\n<!-- c -->\n<root a="1" b=\'x > y\'>\n' +
        '<item id="3"><name>a&#233;&#x20AC;&lt;&apos;</name><empty/><t><![CDATA[<b>&amp;</b>]]></t></item>\n</root>\n',
    );
    expect(shape(root)).toEqual({
      root: [{ item: [{ name: "aé€<'" }, { empty: '' }, { t: '<b>&amp;</b>' }] }],
    });
    expect(root.children[0]?.line).toBe(5);
  });

  it('refuses what is not well-formed, with the line', () => {
    expect(errorOf('<root>\n<item>\n</root>')).toBe('line 3: </root> closes <item> of line 2');
    expect(errorOf('<root>\n<item>')).toBe('line 2: <item> is not closed');
    expect(errorOf('<root/><other/>')).toBe('line 1: <other>: a document has one element at its top, <root>');
    expect(errorOf('text')).toBe('line 1: text outside the document element');
    expect(errorOf('')).toBe('line 1: There is no element in this file');
    expect(errorOf('<root>&nbsp;</root>')).toBe('line 1: & must be written &amp;');
    expect(errorOf('<root a=1></root>')).toBe('line 1: <root: malformed attribute or tag not closed by >');
    expect(errorOf('<root><!-- open</root>')).toBe('line 1: A comment is not closed');
    expect(errorOf('</root>')).toBe('line 1: </root> closes no element');
  });

  it('never expands declared entities: a DOCTYPE with declarations is refused', () => {
    expect(errorOf('<!DOCTYPE root [<!ENTITY a "aaaa">]><root>&a;</root>')).toBe(
      'line 1: DOCTYPE declarations are not supported: remove the DOCTYPE',
    );
  });
});
