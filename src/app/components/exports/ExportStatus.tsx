import type { ExportDownloadState } from '../../hooks/useExportDownload';
import type { MessageKey } from '../../i18n/types';
import { useT } from '../../i18n/useT';

/** A size as people read it, in the UI language (12 ko / 12 kB, 1,5 Mo / 1.5 MB). */
function sizeText(bytes: number, lang: string): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [bytes / 1000, 'kilobyte'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

const ERROR_KEYS: Record<number, MessageKey> = {
  0: 'exports.error.network',
  400: 'exports.error.400',
  401: 'exports.error.401',
  403: 'exports.error.403',
  404: 'exports.error.404',
  409: 'exports.error.409',
  429: 'exports.error.429',
};

/**
 * How the download goes: a progress bar (of Content-Length when the server sent it, else moving with the
 * bytes received), then the file's name, or what went wrong in words, with the server's own message when it
 * says what to change (a refused request or right).
 */
export function ExportStatus({ state }: { state: ExportDownloadState }) {
  const { t, lang } = useT();
  const { status } = state;
  return (
    <>
      <div role="status" className="export-progress">
        {status === 'working' ? (
          <>
            <progress
              aria-label={t('exports.progressLabel')}
              {...(state.progress.total ? { value: state.progress.received, max: state.progress.total } : {})}
            />
            <p>
              {state.progress.total
                ? t('exports.progress', {
                    received: sizeText(state.progress.received, lang),
                    total: sizeText(state.progress.total, lang),
                    percent: Math.floor((100 * state.progress.received) / state.progress.total),
                  })
                : t('exports.progressUnknown', { received: sizeText(state.progress.received, lang) })}
            </p>
          </>
        ) : null}
        {status === 'done' ? (
          <p className="alert alert-success">
            {t('exports.done', { name: state.fileName, size: sizeText(state.bytes, lang) })}
          </p>
        ) : null}
      </div>
      {status === 'error' ? (
        <div className="alert alert-error" role="alert">
          <p>
            {t(ERROR_KEYS[state.httpStatus] ?? 'exports.error.other', {
              status: state.httpStatus,
              seconds: Math.ceil((state.retryAfterMs ?? 60_000) / 1000),
            })}
          </p>
          {(state.httpStatus === 400 || state.httpStatus === 403) && state.message ? (
            <p>{t('exports.error.detail', { message: state.message })}</p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
