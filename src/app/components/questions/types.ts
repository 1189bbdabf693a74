import type { FormDefinition, Question } from '../../../core/forms/definition';

export interface QuestionProps {
  form: FormDefinition;
  question: Question;
}
