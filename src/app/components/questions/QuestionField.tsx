import { lazy, Suspense, type ReactNode } from 'react';
import { AcknowledgeQuestion } from './AcknowledgeQuestion';
import { CalculatedValue } from './CalculatedValue';
import { InputQuestion } from './InputQuestion';
import { NoteItem } from './NoteItem';
import { SelectMultipleQuestion } from './SelectMultipleQuestion';
import { SelectOneQuestion } from './SelectOneQuestion';
import type { QuestionProps } from './types';

// The widgets of the less common types load on first use, so they stay out of the JavaScript every agent
// downloads before filling anything (GUIDE §4). The service worker precaches them: this works offline.
const DateTimeQuestion = lazy(() =>
  import('./DateTimeQuestion').then((m) => ({ default: m.DateTimeQuestion })),
);
// Same chunk: day, month and year fields (the browser's language must not decide the order).
const DateQuestion = lazy(() => import('./DateTimeQuestion').then((m) => ({ default: m.DateQuestion })));
const RangeQuestion = lazy(() => import('./RangeQuestion').then((m) => ({ default: m.RangeQuestion })));
const GeopointQuestion = lazy(() =>
  import('./GeopointQuestion').then((m) => ({ default: m.GeopointQuestion })),
);
const GeoListQuestion = lazy(() => import('./GeoListQuestion').then((m) => ({ default: m.GeoListQuestion })));
const MediaQuestion = lazy(() => import('./MediaQuestion').then((m) => ({ default: m.MediaQuestion })));
const BarcodeQuestion = lazy(() => import('./BarcodeQuestion').then((m) => ({ default: m.BarcodeQuestion })));
const RankQuestion = lazy(() => import('./RankQuestion').then((m) => ({ default: m.RankQuestion })));

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<div className="question" aria-busy="true" />}>{children}</Suspense>;
}

/** Whether an item shows anything: hidden questions never do, calculations only with a label. */
export function isShown(question: QuestionProps['question']): boolean {
  if (question.type === 'hidden') return false;
  if (question.type === 'calculate') return Boolean(question.label);
  return true;
}

function LazyQuestion(props: QuestionProps) {
  switch (props.question.type) {
    case 'dateTime':
      return <DateTimeQuestion {...props} />;
    case 'date':
      return <DateQuestion {...props} />;
    case 'range':
      return <RangeQuestion {...props} />;
    case 'geopoint':
      return <GeopointQuestion {...props} />;
    case 'geotrace':
    case 'geoshape':
      return <GeoListQuestion {...props} />;
    case 'barcode':
      return <BarcodeQuestion {...props} />;
    case 'rank':
      return <RankQuestion {...props} />;
    default:
      return <MediaQuestion {...props} />;
  }
}

/** The input for one question, chosen by its type. */
export function QuestionField(props: QuestionProps) {
  switch (props.question.type) {
    case 'text':
    case 'integer':
    case 'decimal':
    case 'time':
      return <InputQuestion {...props} />;
    case 'date':
      // A calculated date is shown read-only, as InputQuestion shows every calculation.
      if (props.question.calculation !== undefined && props.question.trigger === undefined)
        return <InputQuestion {...props} />;
      return (
        <Loading>
          <LazyQuestion {...props} />
        </Loading>
      );
    case 'select_one':
      return <SelectOneQuestion {...props} />;
    case 'select_multiple':
      return <SelectMultipleQuestion {...props} />;
    case 'acknowledge':
      return <AcknowledgeQuestion {...props} />;
    case 'note':
      return <NoteItem {...props} />;
    case 'calculate':
      return isShown(props.question) ? <CalculatedValue {...props} /> : null;
    case 'hidden':
      return null;
    default:
      return (
        <Loading>
          <LazyQuestion {...props} />
        </Loading>
      );
  }
}
