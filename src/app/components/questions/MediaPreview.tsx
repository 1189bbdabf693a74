import type { MediaRef } from '../../../core/forms/answersSchema';
import { useMediaUrl } from '../../hooks/useMediaUrl';
import { bytes } from '../../i18n/format';
import type { MessageKey } from '../../i18n/types';
import { useT } from '../../i18n/useT';

interface Props {
  media: MediaRef;
  kind: string;
  label: string;
  onRemove: (() => void) | undefined;
}

const UNAVAILABLE: Record<'missing' | 'offline' | 'error', MessageKey> = {
  missing: 'media.missing',
  offline: 'media.offline',
  error: 'media.error',
};

/** The stored file of an answer: a thumbnail, a player or its name, and a button to remove it. */
export function MediaPreview({ media, kind, label, onRemove }: Props) {
  const { t, lang } = useT();
  const { view, retry } = useMediaUrl(media);
  const url = view.state === 'ready' ? view.url : undefined;
  return (
    <div className="media-preview">
      {url && kind === 'image' ? <img src={url} alt={label} className="media-thumb" /> : null}
      {url && kind === 'audio' ? <audio src={url} controls /> : null}
      {url && kind === 'video' ? <video src={url} controls className="media-thumb" /> : null}
      <p className="media-name">
        {media.name} ({bytes(media.size, lang)})
      </p>
      {view.state === 'missing' || view.state === 'offline' || view.state === 'error' ? (
        <p className="media-status" role="status">
          {t(UNAVAILABLE[view.state])}{' '}
          <button type="button" className="button-small" onClick={retry}>
            {t('media.retry')}
          </button>
        </p>
      ) : null}
      {onRemove ? (
        <button type="button" className="button-small" onClick={onRemove}>
          {t('q.removeFile')}
          <span className="visually-hidden"> ({label})</span>
        </button>
      ) : null}
    </div>
  );
}
