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

/** Every field a template refers to, for checking names at creation. */
export function labelReferences(template: LabelTemplate): string[] {
  const names: string[] = [];
  for (const parts of template.values())
    for (const part of parts) if (typeof part !== 'string') names.push(...part.references);
  return names;
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
