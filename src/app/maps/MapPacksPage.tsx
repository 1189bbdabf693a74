import { lazy, Suspense, useId, useState, type FormEvent } from 'react';
import { pickText } from '../../core/i18n/localized';
import type { MapPack } from '../../core/maps/mapPack';
import { hasRole } from '../../core/records/user';
import { ConfirmPanel } from '../components/ConfirmPanel';
import { useLiveProjects } from '../hooks/useLiveProjects';
import { useOnline } from '../hooks/useOnline';
import { useSignedIn } from '../hooks/useSignedIn';
import { bytes } from '../i18n/format';
// Registers the strings of this page (they load with it, not at start), and its few styles.
import '../i18n/mapPackStrings';
import '../styles/mapPacks.css';
import { useT } from '../i18n/useT';
import { hrefOf } from '../state/router';
import { MapPackRequestError } from './mapPackRequests';
import { PackDownloadError, type LocalPack } from './packStore';
import { useMapPacks, type MapPacksState, type PackDownloadState } from './useMapPacks';

/** The project of `#/maps/packs/<projectId>`, or null for `#/maps/packs` (every project on the device). */
export function projectOfHash(hash: string): string | null {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  if (parts[0] !== 'maps' || parts[1] !== 'packs' || !parts[2]) return null;
  try {
    return decodeURIComponent(parts[2]);
  } catch {
    return null;
  }
}

/** Why a request failed, in the interface's language; the server's own words for a refused file (400). */
function failureText(t: ReturnType<typeof useT>['t'], err: unknown): string {
  const status = err instanceof PackDownloadError || err instanceof MapPackRequestError ? err.status : -1;
  if (status === 0) return t('mapPacks.error.network');
  if (status === 401) return t('mapPacks.error.session');
  if (status === 403) return t('mapPacks.error.refused');
  if (status === 404) return t('mapPacks.error.gone');
  if (status === 413) return t('mapPacks.error.tooLarge');
  return (err as Error).message;
}

/** The public map's administrative areas (supervisors and admins): loaded only for them. */
const BoundaryUpload = lazy(() => import('./BoundaryUpload').then((m) => ({ default: m.BoundaryUpload })));

const TYPE_NAMES: Record<MapPack['tileType'], string> = {
  png: 'PNG',
  jpg: 'JPEG',
  webp: 'WebP',
  mvt: 'vector',
};

/**
 * `#/maps/packs[/<projectId>]` (everyone, loaded only when opened): the offline basemaps of one's projects,
 * their size, whether they are on this device; download with progress, pause, resume, remove; and for
 * supervisors and admins, upload and deletion on the server. Offline, the packs on the device are listed.
 */
export function MapPacksPage({ hash }: { hash: string }) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const online = useOnline();
  const projects = useLiveProjects();
  const only = projectOfHash(hash);
  const shown = projects?.filter((p) => only === null || p.id === only);
  const state = useMapPacks(shown?.map((p) => p.id) ?? [], online);
  const manager = hasRole(session.user.role, 'supervisor');
  return (
    <main id="main" className="page map-packs">
      {only ? (
        <p>
          <a href={hrefOf({ name: 'project', id: only })}>{t('mapPacks.backToProject')}</a>
        </p>
      ) : null}
      <h1>{t('mapPacks.title')}</h1>
      <p className="lead">{t('mapPacks.intro')}</p>
      {online ? null : <p className="alert alert-warning">{t('mapPacks.offline')}</p>}
      {!shown ? (
        <p>{t('app.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="empty">{t('mapPacks.noProjects')}</p>
      ) : (
        shown.map((project) => (
          <ProjectPacks
            key={project.id}
            projectId={project.id}
            title={pickText(project.title, lang)}
            state={state}
            manager={manager}
            online={online}
          />
        ))
      )}
      {manager && only === null ? (
        <Suspense fallback={null}>
          <BoundaryUpload online={online} />
        </Suspense>
      ) : null}
    </main>
  );
}

interface ProjectPacksProps {
  projectId: string;
  title: string;
  state: MapPacksState;
  manager: boolean;
  online: boolean;
}

function ProjectPacks({ projectId, title, state, manager, online }: ProjectPacksProps) {
  const { t } = useT();
  const id = useId();
  const local = (state.local ?? []).filter((l) => l.pack.projectId === projectId);
  const listed = state.server[projectId];
  // The server's list when there is one, with the device's packs the server no longer lists after it.
  const packs: MapPack[] = listed
    ? [...listed, ...local.filter((l) => !listed.some((p) => p.id === l.id)).map((l) => l.pack)]
    : local.map((l) => l.pack);
  const error = state.listErrors[projectId];
  return (
    <section aria-labelledby={`${id}-h`} className="map-pack-project">
      <h2 id={`${id}-h`}>{title}</h2>
      {online && error !== undefined ? (
        <p className="alert alert-warning">{t('mapPacks.listError', { message: failureText(t, error) })}</p>
      ) : null}
      {packs.length === 0 ? (
        <p className="empty">{t('mapPacks.none')}</p>
      ) : (
        <ul className="card-list">
          {packs.map((pack) => (
            <PackItem
              key={pack.id}
              pack={pack}
              local={local.find((l) => l.id === pack.id)}
              download={state.downloads[pack.id]}
              state={state}
              manager={manager && online && listed !== undefined}
              online={online}
            />
          ))}
        </ul>
      )}
      {manager ? <UploadForm projectId={projectId} state={state} online={online} /> : null}
    </section>
  );
}

interface PackItemProps {
  pack: MapPack;
  local: LocalPack | undefined;
  download: PackDownloadState | undefined;
  state: MapPacksState;
  manager: boolean;
  online: boolean;
}

function PackItem({ pack, local, download, state, manager, online }: PackItemProps) {
  const { t, lang } = useT();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const running = download?.running ?? false;
  const received = running ? (download?.received ?? 0) : (local?.received ?? 0);
  const complete = !running && local?.complete === true;
  const percent = Math.floor((received / Math.max(1, pack.bytes)) * 100);
  const status = complete
    ? t('mapPacks.onDevice')
    : received > 0 || running
      ? t('mapPacks.partial', {
          percent,
          received: bytes(received, lang),
          size: bytes(pack.bytes, lang),
        })
      : t('mapPacks.notOnDevice');
  const errorText =
    download?.error === undefined
      ? null
      : download.error instanceof DOMException && download.error.name === 'QuotaExceededError'
        ? t('mapPacks.storageFull')
        : t('mapPacks.downloadError', { message: failureText(t, download.error) });
  return (
    <li className="card map-pack" aria-labelledby={`${id}-n`} data-pack-id={pack.id}>
      <h3 id={`${id}-n`} className="card-title">
        {pack.name}
      </h3>
      <p className="card-meta">
        {t('mapPacks.details', {
          size: bytes(pack.bytes, lang),
          minZoom: pack.minZoom,
          maxZoom: pack.maxZoom,
          type: TYPE_NAMES[pack.tileType],
        })}
      </p>
      {pack.attribution ? (
        <p className="card-meta">{t('mapPacks.attribution', { attribution: pack.attribution })}</p>
      ) : null}
      <p className="map-pack-status" role="status">
        {status}
      </p>
      {running || (received > 0 && !complete) ? (
        <progress
          max={pack.bytes}
          value={received}
          aria-label={t('mapPacks.progress', { name: pack.name })}
        />
      ) : null}
      {errorText ? <p className="alert alert-warning">{errorText}</p> : null}
      <div className="card-actions">
        {running ? (
          <button type="button" className="button-primary" onClick={() => state.pause(pack.id)}>
            {t('mapPacks.pause')}
          </button>
        ) : !complete && online ? (
          <button type="button" className="button-primary" onClick={() => state.download(pack)}>
            {received > 0 ? t('mapPacks.resume') : t('mapPacks.download')}
          </button>
        ) : null}
        {local ? (
          <button type="button" className="button-quiet" onClick={() => void state.removeLocal(pack.id)}>
            {t('mapPacks.removeLocal')}
          </button>
        ) : null}
        {manager && !confirming ? (
          <button type="button" className="button-danger-quiet" onClick={() => setConfirming(true)}>
            {t('mapPacks.removeServer')}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <ConfirmPanel
          question={t('mapPacks.confirmRemoveServer', { name: pack.name })}
          confirmLabel={t('mapPacks.removeServer')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void state.removeServer(pack.id);
          }}
        />
      ) : null}
    </li>
  );
}

function UploadForm({
  projectId,
  state,
  online,
}: {
  projectId: string;
  state: MapPacksState;
  online: boolean;
}) {
  const { t } = useT();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [attribution, setAttribution] = useState('');
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file || !name.trim()) return;
    setSending(true);
    setMessage(null);
    try {
      const pack = await state.upload(projectId, {
        file,
        name: name.trim(),
        attribution: attribution.trim(),
      });
      setMessage({ ok: true, text: t('mapPacks.upload.done', { name: pack.name }) });
      setName('');
      setAttribution('');
      setFile(null);
      (event.target as HTMLFormElement).reset();
    } catch (err) {
      setMessage({ ok: false, text: t('mapPacks.upload.error', { message: failureText(t, err) }) });
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="map-pack-upload" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-h`}>{t('mapPacks.upload.title')}</h3>
      <p className="hint" id={`${id}-hint`}>
        {online ? t('mapPacks.upload.hint') : t('mapPacks.upload.offline')}
      </p>
      <label htmlFor={`${id}-file`}>{t('mapPacks.upload.file')}</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".pmtiles,.mbtiles"
        required
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const chosen = e.target.files?.[0] ?? null;
          setFile(chosen);
          if (chosen && !name) setName(chosen.name.replace(/\.(pmtiles|mbtiles)$/i, ''));
        }}
      />
      <label htmlFor={`${id}-name`}>{t('mapPacks.upload.name')}</label>
      <input
        id={`${id}-name`}
        value={name}
        required
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
      />
      <label htmlFor={`${id}-attr`}>{t('mapPacks.upload.attribution')}</label>
      <input
        id={`${id}-attr`}
        value={attribution}
        maxLength={500}
        onChange={(e) => setAttribution(e.target.value)}
      />
      <div>
        <button type="submit" className="button-primary" disabled={sending || !online}>
          {sending ? t('mapPacks.upload.sending') : t('mapPacks.upload.submit')}
        </button>
      </div>
      {message ? (
        <p className={message.ok ? 'alert alert-success' : 'alert alert-warning'} role="status">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
