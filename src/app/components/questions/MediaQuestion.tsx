import { useState } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import type { MediaRef } from '../../../core/forms/answersSchema';
import { MAX_MEDIA_BYTES } from '../../../core/sync/mediaLimits';
import { useFill } from '../../hooks/useFill';
import { useMediaSave } from '../../hooks/useMediaSave';
import { useQuestion } from '../../hooks/useQuestion';
import { isQuotaError } from '../../repositories/media';
import { bytes } from '../../i18n/format';
import { useT } from '../../i18n/useT';
import { asMediaRef } from './media/asMediaRef';
import { maxPixelsOf } from './media/downscale';
import { downscaleImage, renamedAs, sha256Hex } from './media/prepareMedia';
import { MediaPreview } from './MediaPreview';
import { QuestionFrame } from './QuestionParts';
import type { QuestionProps } from './types';

const ACCEPT: Record<string, string | undefined> = {
  image: 'image/*',
  audio: 'audio/*',
  video: 'video/*',
  file: undefined,
};

type Status =
  | { kind: 'idle' | 'saving' | 'quota' }
  | { kind: 'error'; message: string }
  | { kind: 'tooLarge'; size: number };

/**
 * image, audio, video and file: the device's picker (the camera first for photos). Photos are downscaled
 * to `max-pixels`; the bytes are stored on the device under their SHA-256 and the answer is a MediaRef.
 */
export function MediaQuestion({ question, path }: QuestionProps) {
  const q = useQuestion(question, path);
  const { t, lang } = useT();
  const { control } = useFormContext();
  const save = useMediaSave();
  // The Forms page's preview keeps the file in memory: nothing of a trial is written to the device.
  const { held } = useFill();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const isImage = question.type === 'image';

  const store = async (file: File, onChange: (ref: MediaRef) => void) => {
    setStatus({ kind: 'saving' });
    try {
      const blob = isImage ? await downscaleImage(file, maxPixelsOf(question.parameters)) : file;
      // The server keeps files up to this size: refuse now rather than hold a file that can never be sent.
      if (blob.size > MAX_MEDIA_BYTES) {
        setStatus({ kind: 'tooLarge', size: blob.size });
        return;
      }
      const type = blob.type || file.type || 'application/octet-stream';
      const ref: MediaRef = {
        sha256: await sha256Hex(blob),
        name: (blob === file ? file.name : renamedAs(file.name, type)).slice(0, 255) || 'file',
        type,
        size: blob.size,
      };
      if (held) held.set(ref.sha256, blob);
      else await save(ref, blob);
      onChange(ref);
      setStatus({ kind: 'idle' });
    } catch (error) {
      // The answers saved so far stay as they are; only this file could not be kept.
      if (isQuotaError(error)) {
        setStatus({ kind: 'quota' });
      } else {
        setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  return (
    <QuestionFrame q={q}>
      <Controller
        control={control}
        name={q.name}
        render={({ field }) => {
          const ref = asMediaRef(field.value);
          return (
            <div className="media">
              <input
                id={q.ids.input}
                ref={field.ref}
                type="file"
                accept={ACCEPT[question.type]}
                capture={isImage ? 'environment' : undefined}
                disabled={q.readOnly || status.kind === 'saving' || status.kind === 'quota'}
                {...q.aria}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void store(file, field.onChange);
                }}
              />
              <p className="media-status" role="status">
                {status.kind === 'saving' ? t('q.fileSaving') : ''}
                {status.kind === 'error' ? t('q.fileError', { message: status.message }) : ''}
                {status.kind === 'tooLarge'
                  ? t('media.tooLarge', { size: bytes(status.size, lang), max: bytes(MAX_MEDIA_BYTES, lang) })
                  : ''}
              </p>
              {status.kind === 'quota' ? (
                <p className="alert alert-error" role="alert">
                  {t('q.quota')}
                </p>
              ) : null}
              {ref ? (
                <MediaPreview
                  media={ref}
                  kind={question.type}
                  label={q.label}
                  onRemove={q.readOnly ? undefined : () => field.onChange(undefined)}
                />
              ) : null}
            </div>
          );
        }}
      />
    </QuestionFrame>
  );
}
