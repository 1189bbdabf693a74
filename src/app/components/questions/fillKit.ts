import { useDraftEvaluation } from '../../hooks/useDraftEvaluation';
import { useFormEngine } from '../../hooks/useFormEngine';
import { FillContext } from './fillContext';
import { FormItems } from './FormItems';
import { pathToName } from './paths';

/**
 * The parts that fill a form, for the Forms page's preview (components/forms/FormPreview.tsx), which loads
 * them through the form page's module (pages/FillForm.tsx re-exports this). Imported statically from the
 * Forms page instead, the bundler would split these modules out of the form page's chunk into shared chunks,
 * which costs the field agent's budget (GUIDE §4) in compression and chunk overhead.
 */
export const fillKit = {
  FillContext,
  FormItems,
  pathToName,
  useDraftEvaluation,
  useFormEngine,
};
export type FillKit = typeof fillKit;
