import { lazy, Suspense } from 'react';
import type { LabelMedia as Media } from '../../../core/forms/definition';

// Its code loads only with a form that has media (budget: scripts/bundle-budget.ts).
const View = lazy(() => import('../formMedia/LabelMediaView'));

/**
 * The image, sound or video of a label or choice (XLSForm media::image, media::audio, media::video).
 * `quiet` (choices): no note while a file is missing, which the question's own label says once.
 */
export function LabelMedia({
  media,
  alt,
  quiet,
}: {
  media: Media | undefined;
  alt: string;
  quiet?: boolean;
}) {
  return media ? (
    <Suspense>
      <View media={media} alt={alt} quiet={quiet} />
    </Suspense>
  ) : null;
}
