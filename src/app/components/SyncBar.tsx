import { useApp } from '../hooks/useApp';
import { useNow } from '../hooks/useNow';
import { useOnline } from '../hooks/useOnline';
import { useSyncStatus } from '../hooks/useSyncStatus';
import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { bytes, relativeTime } from '../i18n/format';
import { useT } from '../i18n/useT';
import type { SyncEngine } from '../sync/SyncEngine';
import type { Translate } from '../i18n/types';
import type { SyncStatus } from '../sync/status';
import { syncErrorKey } from './syncErrorKey';

/** What the running sync is doing, in words: "Envoi des saisies : 120 sur 800", "Données reçues : 500". */
function progressText(t: Translate, status: SyncStatus, lang: UiLanguage): string {
  const { progress } = status;
  if (status.otherTab) return t('sync.otherTab');
  if (progress?.kind === 'push' && progress.total > 0)
    return t('sync.progress', { sent: progress.sent, total: progress.total });
  if (progress?.kind === 'pull')
    return progress.received > 0 ? t('sync.received', { count: progress.received }) : t('sync.receiving');
  if (progress?.kind === 'media')
    return progress.sent > 0
      ? t('media.progress', { sent: bytes(progress.sent, lang), total: bytes(progress.total, lang) })
      : t('media.starting', { total: bytes(progress.total, lang) });
  return t('sync.syncing');
}

/** Keeps --sync-bar (html's scroll-padding-top, chrome.css) the bar's height as it wraps and grows. */
function measure(bar: HTMLElement | null) {
  if (!bar) return;
  const observer = new ResizeObserver(() =>
    document.documentElement.style.setProperty('--sync-bar', `${bar.offsetHeight}px`),
  );
  observer.observe(bar);
  return () => observer.disconnect();
}

/** Always visible: connectivity, what waits, what needs attention, last sync, progress and "Sync now". */
export function SyncBar({ engine }: { engine: SyncEngine }) {
  const { t, lang } = useT();
  const { signOut } = useApp();
  const status = useSyncStatus(engine);
  const online = useOnline();
  // Re-render every 15 s so relative times stay true; times are computed against the real clock.
  useNow(15_000);
  const now = Date.now();
  const syncing = status.phase === 'syncing';
  // The pill is about the device's network; a server that does not answer is said by the alert below.
  const offline = !online;
  const progress = syncing ? status.progress : null;
  // With no network at all, failing to reach the server is expected, not an error: say what happens instead.
  const deviceOffline = !online;
  const showError =
    !deviceOffline && status.lastError && (status.phase === 'error' || status.phase === 'offline');

  return (
    <section
      ref={measure}
      className={`sync-bar${offline ? ' sync-offline' : ''}`}
      aria-label={t('sync.region')}
    >
      <div className="sync-facts" role="status" aria-live="polite">
        <span className={`pill ${offline ? 'pill-offline' : 'pill-online'}`}>
          {offline ? t('sync.offline') : t('sync.online')}
        </span>
        <span className="sync-fact">{t('sync.waiting', { count: status.pending })}</span>
        {status.pendingMedia > 0 ? (
          <span className="sync-fact">{t('sync.waitingFiles', { count: status.pendingMedia })}</span>
        ) : null}
        {status.sentForOthers > 0 ? (
          <span className="sync-fact">{t('sync.sentForOthers', { count: status.sentForOthers })}</span>
        ) : null}
        <span className="sync-fact">
          {status.lastSyncAt
            ? t('sync.lastSync', { time: relativeTime(status.lastSyncAt, lang, now) })
            : t('sync.never')}
        </span>
        {syncing ? <span className="sync-fact">{progressText(t, status, lang)}</span> : null}
      </div>
      {status.rejected > 0 ? (
        <a className="sync-attention" href="#/attention">
          {t('sync.attention', { count: status.rejected })}
        </a>
      ) : null}
      {(progress?.kind === 'push' || progress?.kind === 'media') && progress.total > 0 ? (
        <progress className="sync-progress" max={progress.total} value={progress.sent} aria-hidden="true" />
      ) : null}
      {/* The way out when data cannot leave by sync; also on the home page. */}
      {!syncing && status.pending + status.rejected + status.pendingMedia > 0 ? (
        <a className="sync-export" href="#/export">
          {t('sync.export')}
        </a>
      ) : null}
      <button
        type="button"
        className="button-primary"
        onClick={() => void engine.syncNow()}
        disabled={syncing}
      >
        {syncing ? t('sync.syncing') : t('sync.now')}
      </button>
      {deviceOffline ? <p className="sync-note">{t('sync.offlineNote')}</p> : null}
      {showError && status.lastError ? (
        <p className="sync-error" role="alert">
          {t(syncErrorKey(status.lastError.code))}
          {/* A retry already due is about to run (its timer, or the online event): say "now", not nothing. */}
          {status.nextRetryAt !== null
            ? ` ${t('sync.nextRetry', { time: relativeTime(Math.max(status.nextRetryAt, now), lang, now) })}`
            : null}
        </p>
      ) : null}
      {status.phase === 'signed_out' ? (
        <div className="sync-error" role="alert">
          <p>{t('sync.signedOut')}</p>
          <button type="button" onClick={() => void signOut()}>
            {t('sync.signInAgain')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
