import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapPack } from '../../core/maps/mapPack';
import { useSignedIn } from '../hooks/useSignedIn';
import { deleteServerPack, listServerPacks, uploadPack } from './mapPackRequests';
import { deleteLocalPack, downloadPack, listLocalPacks, type LocalPack } from './packStore';

export interface PackDownloadState {
  received: number;
  total: number;
  running: boolean;
  /** Why the last attempt stopped (a PackDownloadError, a QuotaExceededError…). */
  error?: unknown;
}

export interface MapPacksState {
  /** The server's packs by project; a project missing from it could not be listed (offline, refused). */
  server: Record<string, MapPack[]>;
  /** Why a project's list could not be had (a MapPackRequestError). */
  listErrors: Record<string, unknown>;
  local: LocalPack[] | undefined;
  downloads: Record<string, PackDownloadState>;
  download(pack: MapPack): void;
  pause(packId: string): void;
  removeLocal(packId: string): Promise<void>;
  removeServer(packId: string): Promise<void>;
  upload(projectId: string, upload: { file: File; name: string; attribution: string }): Promise<MapPack>;
  reload(): void;
}

/** The offline maps page's state: the server's packs of `projectIds`, those on the device, downloads. */
export function useMapPacks(projectIds: readonly string[], online: boolean): MapPacksState {
  const { session } = useSignedIn();
  const token = session.token;
  const [server, setServer] = useState<Record<string, MapPack[]>>({});
  const [listErrors, setListErrors] = useState<Record<string, unknown>>({});
  const [local, setLocal] = useState<LocalPack[]>();
  const [downloads, setDownloads] = useState<Record<string, PackDownloadState>>({});
  const [generation, setGeneration] = useState(0);
  const controllers = useRef(new Map<string, AbortController>());
  const key = projectIds.join('\n');

  const refreshLocal = useCallback(() => {
    void listLocalPacks().then(setLocal);
  }, []);

  useEffect(refreshLocal, [refreshLocal, generation]);

  useEffect(() => {
    if (!online) return;
    let live = true;
    for (const projectId of key ? key.split('\n') : []) {
      listServerPacks({ token }, projectId).then(
        (packs) => {
          if (!live) return;
          setServer((s) => ({ ...s, [projectId]: packs }));
          setListErrors(({ [projectId]: _, ...rest }) => rest);
        },
        (err: unknown) => {
          if (live) setListErrors((e) => ({ ...e, [projectId]: err }));
        },
      );
    }
    return () => {
      live = false;
    };
  }, [key, token, online, generation]);

  // A download stops when the page is left: it resumes from what was stored.
  useEffect(() => {
    const running = controllers.current;
    return () => running.forEach((controller) => controller.abort());
  }, []);

  const download = useCallback(
    (pack: MapPack) => {
      if (controllers.current.has(pack.id)) return;
      const controller = new AbortController();
      controllers.current.set(pack.id, controller);
      const set = (state: PackDownloadState) => setDownloads((d) => ({ ...d, [pack.id]: state }));
      set({ received: 0, total: pack.bytes, running: true });
      downloadPack(pack, {
        token,
        signal: controller.signal,
        onProgress: (received, total) => set({ received, total, running: true }),
      })
        .then(
          () =>
            setDownloads((d) => ({
              ...d,
              [pack.id]: { ...(d[pack.id] ?? { received: 0, total: pack.bytes }), running: false },
            })),
          (err: unknown) =>
            setDownloads((d) => ({
              ...d,
              [pack.id]: {
                ...(d[pack.id] ?? { received: 0, total: pack.bytes }),
                running: false,
                error: err,
              },
            })),
        )
        .finally(() => {
          controllers.current.delete(pack.id);
          refreshLocal();
        });
    },
    [token, refreshLocal],
  );

  const pause = useCallback((packId: string) => controllers.current.get(packId)?.abort(), []);

  const removeLocal = useCallback(
    async (packId: string) => {
      controllers.current.get(packId)?.abort();
      await deleteLocalPack(packId);
      setDownloads(({ [packId]: _, ...rest }) => rest);
      refreshLocal();
    },
    [refreshLocal],
  );

  const removeServer = useCallback(
    async (packId: string) => {
      await deleteServerPack({ token }, packId);
      setGeneration((g) => g + 1);
    },
    [token],
  );

  const upload = useCallback(
    async (projectId: string, file: { file: File; name: string; attribution: string }) => {
      const pack = await uploadPack({ token }, projectId, file);
      setGeneration((g) => g + 1);
      return pack;
    },
    [token],
  );

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { server, listErrors, local, downloads, download, pause, removeLocal, removeServer, upload, reload };
}
