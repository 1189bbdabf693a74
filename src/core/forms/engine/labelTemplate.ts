import type { LocalizedText } from '../../i18n/localized';
import { compileExpression, type CompiledExpression } from '../expr';

/** Label text split around its `${field}` references (XLSForm's output in labels), per language. */
export type LabelTemplate = ReadonlyMap<string, readonly (string | CompiledExpression)[]>;

const REFERENCE = /\$\{\s*([^}\s]*)\s*\}/g;

/** Compiles each `${name}` once; throws ExpressionError for a reference that is not a valid name. */
export function compileLabel(text: LocalizedText): LabelTemplate {
  const template = new Map<string, (string | CompiledExpression)[]>();
  for (const [lang, source] of Object.entries(text)) {
    const parts: (string | CompiledExpression)[] = [];
    let last = 0;
    for (const match of source.matchAll(REFERENCE)) {
      if (match.index > last) parts.push(source.slice(last, match.index));
      parts.push(compileExpression(match[0]));
      last = match.index + match[0].length;
    }
    if (last < source.length) parts.push(source.slice(last));
    template.set(lang, parts);
  }
  return template;
}

/**
 * The template with every insertion of a field the form does not have shown as nothing: pyxform accepts
 * such a label (the converter warns) and ODK shows an output of a missing node as empty.
 */
export function withoutUnknown(template: LabelTemplate, known: (name: string) => boolean): LabelTemplate {
  const shown = (part: string | CompiledExpression) =>
    typeof part === 'string' || part.references.every(known) ? part : '';
  return new Map([...template].map(([lang, parts]) => [lang, parts.map(shown)]));
}

/** The parts in `lang`, else in `fallback`, else in any language present. */
export function pickTemplate(
  template: LabelTemplate | undefined,
  lang: string,
  fallback: string,
): readonly (string | CompiledExpression)[] {
  if (!template) return [];
  return template.get(lang) ?? template.get(fallback) ?? template.values().next().value ?? [];
}
