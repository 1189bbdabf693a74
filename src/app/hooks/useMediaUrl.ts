import { useEffect, useState } from 'react';
import { getMedia } from '../repositories/media';
import { useSignedIn } from './useSignedIn';

/** An object URL for a stored file answer (for a preview), revoked when the file or the component goes. */
export function useMediaUrl(sha256: string | undefined): string | undefined {
  const { db } = useSignedIn();
  const [state, setState] = useState<{ sha256: string; url: string } | null>(null);
  useEffect(() => {
    if (!sha256) return;
    let live = true;
    let url: string | undefined;
    getMedia(db, sha256).then(
      (record) => {
        if (!live || !record) return;
        url = URL.createObjectURL(record.blob);
        setState({ sha256, url });
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [db, sha256]);
  return state && state.sha256 === sha256 ? state.url : undefined;
}
