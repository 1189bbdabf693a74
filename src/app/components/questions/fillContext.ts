import { createContext } from 'react';
import type { FormDefinition } from '../../../core/forms/definition';
import type { FormFile } from '../../../core/forms/formFiles';
import type { FormEngine, FormState } from '../../../core/forms/engine';

/** What every item of the form being filled reads: the definition, its engine and the last evaluation. */
export interface FillContextValue {
  form: FormDefinition;
  engine: FormEngine;
  state: FormState;
  /**
   * The form's media files (images, sounds, videos its labels name): the version's list, their bytes on the
   * device (formFiles); in the Forms page's preview, the dropped files by name.
   */
  files?: readonly FormFile[] | ReadonlyMap<string, Blob> | undefined;
  /** The preview's file answers (a photo taken to try the form), by SHA-256: in memory only, never stored. */
  held?: Map<string, Blob>;
}

export const FillContext = createContext<FillContextValue | null>(null);
