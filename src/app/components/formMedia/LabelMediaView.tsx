import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { LabelMedia } from '../../../core/forms/definition';
import type { FormFile } from '../../../core/forms/formFiles';
import { pickText, type LocalizedText } from '../../../core/i18n/localized';
import { useFill } from '../../hooks/useFill';
import type { FillContextValue } from '../questions/fillContext';
import { useSignedIn } from '../../hooks/useSignedIn';
// Registers this code's strings (they load with it, only in forms that have media).
import '../../i18n/formMediaStrings';
import '../../styles/formMedia.css';
import { useT } from '../../i18n/useT';

type Kind = 'image' | 'bigImage' | 'audio' | 'video';

/** The preview's files, dropped on the Forms page (a map by name); undefined on a device. */
const droppedFiles = (files: FillContextValue['files']) =>
  files && !Array.isArray(files) ? (files as ReadonlyMap<string, Blob>) : undefined;

/**
 * A media file of the form by the name its label uses: its bytes (the device's copy, or the file dropped on
 * the Forms page for the preview), `null` when the device or the preview has none, `undefined` while read.
 * `expected`: the version lists the file (the device is still downloading it), or the preview lacks it.
 */
function useFormFile(name: string): { blob: Blob | null | undefined; expected: boolean } {
  const { files } = useFill();
  const { db } = useSignedIn();
  const dropped = droppedFiles(files);
  const listed = dropped
    ? undefined
    : (files as readonly FormFile[] | undefined)?.find((f) => f.name === name);
  const blob = useLiveQuery(async () => {
    if (dropped) return dropped.get(name) ?? null;
    return listed ? ((await db.formFiles.get(listed.sha256))?.blob ?? null) : null;
  }, [dropped, name, listed, db]);
  return { blob, expected: dropped !== undefined || listed !== undefined };
}

/** An object URL for the blob, revoked when it changes or the component goes. */
function useObjectUrl(blob: Blob | null | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(undefined);
    };
  }, [blob]);
  return url;
}

function MediaFile({
  name,
  kind,
  alt,
  preview,
  quiet,
}: {
  name: string;
  kind: Kind;
  alt: string;
  preview: boolean;
  quiet: boolean | undefined;
}) {
  const { t } = useT();
  const { blob, expected } = useFormFile(name);
  const url = useObjectUrl(blob);
  if (blob === null) {
    // A file the version never had: the label's text alone, as ODK Collect shows it. One note per label
    // (the enlarged copy goes with its image).
    if (!expected || kind === 'bigImage' || quiet) return null;
    return (
      <span className="hint label-media-note">
        {preview ? t('formMedia.notAttached', { name }) : t('formMedia.downloading')}
      </span>
    );
  }
  if (!url) return null;
  if (kind === 'image') return <img src={url} alt={alt} className="label-image" />;
  // XLSForm's media::big-image: the same picture larger, opened apart.
  if (kind === 'bigImage')
    return (
      <a href={url} target="_blank" rel="noopener">
        {t('formMedia.enlarge')}
      </a>
    );
  if (kind === 'audio') return <audio src={url} controls preload="none" aria-label={alt} />;
  return <video src={url} controls preload="metadata" aria-label={alt} className="label-video" />;
}

/**
 * The image (and its enlarged copy, media::big-image), sound and video of a label or choice (XLSForm
 * media::image, media::audio, media::video), in
 * the interface's language when the form has it. Loaded lazily: forms without media never download it.
 */
export default function LabelMediaView({
  media,
  alt,
  quiet,
}: {
  media: LabelMedia;
  alt: string;
  /** A choice's media: no note for a missing file (its question's label has one). */
  quiet?: boolean | undefined;
}) {
  const { lang } = useT();
  const { form, files } = useFill();
  const preview = droppedFiles(files) !== undefined;
  const name = (text: LocalizedText | undefined) => (text ? pickText(text, lang, form.defaultLanguage) : '');
  const shown = (['image', 'bigImage', 'audio', 'video'] as const).flatMap((kind) => {
    const file = name(media[kind]);
    return file ? [{ kind, file }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <span className="label-media">
      {shown.map(({ kind, file }) => (
        <MediaFile key={kind} name={file} kind={kind} alt={alt} preview={preview} quiet={quiet} />
      ))}
    </span>
  );
}
