import type { IndicatorRecord } from '../../db/schema';
import type { IndicatorChange } from '../../repositories/indicatorEdits';
import { numberOf, pairOf, textOf, textOfNumber, type TextPair } from './formValues';

/** The indicator form's values: the record's shape, with numbers and empty choices as typed text. */
export interface IndicatorFormValues {
  code: string;
  title: TextPair;
  unit: string;
  measure: 'unit' | 'percentage';
  direction: 'increase' | 'decrease';
  disaggregations: {
    name: string;
    label: TextPair;
    /** '' when values are not computed by category. */
    field: string;
    categories: { code: string; label: TextPair }[];
  }[];
  /** Both empty: no baseline. */
  baseline: { year: string; value: string };
  targets: { period: { start: string; end: string }; value: string }[];
  computation: {
    /** '' when values are only entered by hand. */
    formId: string;
    aggregate: 'count' | 'sum' | 'average';
    field: string;
    filter: string;
    dateField: string;
  };
}

export function indicatorFormValues(indicator: IndicatorRecord | undefined): IndicatorFormValues {
  const c = indicator?.computation;
  return {
    code: indicator?.code ?? '',
    title: pairOf(indicator?.title),
    unit: indicator?.unit ?? '',
    measure: indicator?.measure ?? 'unit',
    direction: indicator?.direction ?? 'increase',
    disaggregations:
      indicator?.disaggregations.map((d) => ({
        name: d.name,
        label: pairOf(d.label),
        field: d.field ?? '',
        categories: d.categories.map((cat) => ({ code: cat.code, label: pairOf(cat.label) })),
      })) ?? [],
    baseline: {
      year: textOfNumber(indicator?.baseline?.year),
      value: textOfNumber(indicator?.baseline?.value),
    },
    targets:
      indicator?.targets.map((target) => ({
        period: { ...target.period },
        value: textOfNumber(target.value),
      })) ?? [],
    computation: {
      formId: c?.formId ?? '',
      aggregate: c?.aggregate ?? 'count',
      field: c?.field ?? '',
      filter: c?.filter ?? '',
      dateField: c?.dateField ?? '',
    },
  };
}

/** An optional text field of the record: absent when empty (as the seed and the server write them). */
const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/** The change the values make; texts of other languages than French and English are kept. */
export function indicatorChangeOf(
  v: IndicatorFormValues,
  indicator: IndicatorRecord | undefined,
): IndicatorChange {
  const c = v.computation;
  const noBaseline = v.baseline.year.trim() === '' && v.baseline.value.trim() === '';
  return {
    code: v.code.trim(),
    title: textOf(v.title, indicator?.title),
    unit: v.unit.trim(),
    measure: v.measure,
    direction: v.direction,
    disaggregations: v.disaggregations.map((d, i) => {
      const before = indicator?.disaggregations[i];
      return {
        name: d.name.trim(),
        label: textOf(d.label, before?.label),
        categories: d.categories.map((cat, j) => ({
          code: cat.code.trim(),
          label: textOf(cat.label, before?.categories[j]?.label),
        })),
        ...(optional(d.field) ? { field: optional(d.field) } : {}),
      };
    }),
    baseline: noBaseline ? null : { year: numberOf(v.baseline.year), value: numberOf(v.baseline.value) },
    targets: v.targets.map((target) => ({ period: { ...target.period }, value: numberOf(target.value) })),
    computation:
      c.formId === ''
        ? null
        : {
            formId: c.formId,
            aggregate: c.aggregate,
            // A count reads no field.
            ...(c.aggregate !== 'count' && optional(c.field) ? { field: optional(c.field) } : {}),
            ...(optional(c.filter) ? { filter: optional(c.filter) } : {}),
            ...(optional(c.dateField) ? { dateField: optional(c.dateField) } : {}),
          },
  };
}
