import type { UiLanguage } from '../../../core/i18n/uiLanguages';
import { pickText } from '../../../core/i18n/localized';
import { choicesOf, levelQuestions, type FormDefinition } from '../../../core/forms/definition';
import { answerSortValue, answerText } from '../../../core/table/dataTable';
import type { Translate } from '../../i18n/types';
import type { TableColumn } from '../../repositories/formTable';

/** A column the picker offers: its key (remembered), its header in the UI language, and its cells. */
export interface ColumnChoice extends TableColumn {
  label: string;
}

/** The columns shown before the user picks: the fixed three and the form's first questions. */
export const DEFAULT_QUESTION_COLUMNS = 3;

/**
 * Every column of a form's data table: date (finalized), agent, review status, then each question answered
 * at the submission's top level (groups flattened; repeats are tables of their own and stay on the
 * submission's page), headed by its label in the UI language, choices shown by their label.
 */
export function tableColumns(
  form: FormDefinition,
  lang: UiLanguage,
  t: Translate,
  agent: (createdBy: string) => string,
): ColumnChoice[] {
  // dateTime's format (src/app/i18n/format.ts, what every page shows), built once: dateTime builds one per
  // call, a second over 10,000 rows. tests/app/components/dataTableColumns.test.ts keeps the two equal.
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const fixed: ColumnChoice[] = [
    {
      key: 'date',
      label: t('table.col.date'),
      // ISO date-times sort as text.
      cell: (s) => ({ value: s.finalizedAt, text: dates.format(new Date(s.finalizedAt)) }),
    },
    {
      key: 'agent',
      label: t('table.col.agent'),
      cell: (s) => {
        const text = agent(s.createdBy);
        return { value: text, text };
      },
    },
    {
      key: 'status',
      label: t('table.col.status'),
      cell: (_, status) => {
        const text = status ? t(`review.status.${status}`) : '';
        return { value: text || null, text };
      },
    },
  ];
  const questions = levelQuestions(form.items).map((question): ColumnChoice => {
    const choices = new Map(choicesOf(form, question).map((c) => [c.name, pickText(c.label, lang)]));
    const labelOf = (code: string) => choices.get(code) || code;
    return {
      key: `q:${question.name}`,
      label: pickText(question.label, lang) || question.name,
      cell: (s) => {
        const value = s.data[question.name];
        const text = answerText(value, labelOf);
        return { value: answerSortValue(value, text), text };
      },
    };
  });
  return [...fixed, ...questions];
}

/** The keys shown when nothing is remembered for the form. */
export function defaultColumnKeys(columns: readonly ColumnChoice[]): string[] {
  return columns.slice(0, 3 + DEFAULT_QUESTION_COLUMNS).map((c) => c.key);
}
