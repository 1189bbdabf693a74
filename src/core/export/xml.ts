import { plainDecimal } from '../forms/expr/values';

/** Escapes text for an XML element or a double-quoted attribute; drops the characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return (
    text
      // XML 1.0 allows no C0 controls but tab, newline and carriage return, nor lone surrogates or U+FFFE/F.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\r/g, '&#13;')
  );
}

/**
 * A number as xsd:decimal writes it: never in exponent notation (`1e21`, `5e-7`), which JavaScript's
 * String() uses for very large and very small numbers and which xsd:decimal refuses.
 */
export function xsdDecimal(value: number): string {
  return plainDecimal(value);
}
