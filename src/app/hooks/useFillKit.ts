import { useEffect, useState } from 'react';
import type { FillKit } from '../components/questions/fillKit';

/** The form-filling parts, loaded with the form page's chunk (see fillKit.ts); undefined until then. */
export function useFillKit(): { kit?: FillKit; error?: Error } {
  const [state, setState] = useState<{ kit?: FillKit; error?: Error }>({});
  useEffect(() => {
    let live = true;
    import('../pages/FillForm').then(
      (m) => live && setState({ kit: m.fillKit }),
      (error: unknown) =>
        live && setState({ error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
