import { GeopointQuestion } from './GeopointQuestion';
import { InputQuestion } from './InputQuestion';
import { NoteItem } from './NoteItem';
import { SelectMultipleQuestion } from './SelectMultipleQuestion';
import { SelectOneQuestion } from './SelectOneQuestion';
import type { QuestionProps } from './types';

/** The input for one form item, chosen by its question type. */
export function QuestionField(props: QuestionProps) {
  switch (props.question.type) {
    case 'text':
    case 'integer':
    case 'decimal':
    case 'date':
      return <InputQuestion {...props} />;
    case 'select_one':
      return <SelectOneQuestion {...props} />;
    case 'select_multiple':
      return <SelectMultipleQuestion {...props} />;
    case 'geopoint':
      return <GeopointQuestion {...props} />;
    case 'note':
      return <NoteItem {...props} />;
  }
}
