import type { Question } from '../../../core/forms/definition';
import type { Path } from './paths';

export interface QuestionProps {
  question: Question;
  /** Where the answer sits, e.g. `['member', 0, 'age']`. */
  path: Path;
}
