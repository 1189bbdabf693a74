import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { BoundaryLevel } from '../../core/public/boundaries';
import { ErrorBody } from '../../core/sync/errors';
import { useSignedIn } from '../hooks/useSignedIn';
import { day } from '../i18n/format';
// Registers this section's strings: they load with it, not at start.
import '../i18n/boundaryStrings';
import { useT } from '../i18n/useT';

interface Summary {
  level: BoundaryLevel;
  areaCount: number;
  sourceName: string;
  uploadedAt: string;
}

type Message = { ok: true; text: string } | { ok: false; text: string; problems: string[] };

/**
 * The administrative areas of the public map (issue 15; `POST /api/boundaries`), for supervisors and admins,
 * on the offline maps page and loaded with it only when they open it: the levels uploaded, a GeoJSON upload
 * that replaces a level, and its deletion. A refused file lists the server's reason for each area.
 */
export function BoundaryUpload({ online }: { online: boolean }) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const id = useId();
  const [levels, setLevels] = useState<Summary[] | null>(null);
  const [level, setLevel] = useState<BoundaryLevel>('adm1');
  const [file, setFile] = useState<File | null>(null);
  const [pcode, setPcode] = useState('');
  const [name, setName] = useState('');
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const headers = { Accept: 'application/json', Authorization: `Bearer ${session.token}` };

  const refresh = useCallback(() => {
    if (!online) return;
    fetch('/api/boundaries', {
      headers: { Accept: 'application/json', Authorization: `Bearer ${session.token}` },
    })
      .then(async (res) => (res.ok ? ((await res.json()) as { levels: Summary[] }).levels : []))
      .then(setLevels, () => setLevels([]));
  }, [online, session.token]);
  useEffect(refresh, [refresh]);

  async function refusal(res: Response): Promise<Message> {
    const body = ErrorBody.safeParse(await res.json().catch(() => null));
    const details = body.success ? body.data.error.details : undefined;
    const problems = Array.isArray(details)
      ? details.flatMap((d: { feature?: unknown; message?: unknown }) =>
          typeof d.message !== 'string'
            ? []
            : typeof d.feature === 'number'
              ? [t('boundaries.feature', { index: d.feature + 1, message: d.message })]
              : [d.message],
        )
      : [];
    return {
      ok: false,
      text: t('boundaries.refused', {
        message: body.success ? body.data.error.message : `HTTP ${res.status}`,
      }),
      problems,
    };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setSending(true);
    setMessage(null);
    const query = new URLSearchParams({ level, file: file.name.slice(0, 200) });
    if (pcode.trim()) query.set('pcode', pcode.trim());
    if (name.trim()) query.set('name', name.trim());
    try {
      const res = await fetch(`/api/boundaries?${query.toString()}`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/geo+json' },
        body: file,
      });
      if (res.ok) {
        const done = (await res.json()) as { areas: number; pcodeProperty: string; nameProperty: string };
        setMessage({
          ok: true,
          text: t('boundaries.done', {
            count: done.areas,
            pcode: done.pcodeProperty,
            name: done.nameProperty,
          }),
        });
        refresh();
      } else setMessage(await refusal(res));
    } catch (err) {
      setMessage({
        ok: false,
        text: t('boundaries.refused', { message: (err as Error).message }),
        problems: [],
      });
    } finally {
      setSending(false);
    }
  }

  async function remove(which: BoundaryLevel) {
    const res = await fetch(`/api/boundaries/${which}`, { method: 'DELETE', headers }).catch(() => null);
    if (res && !res.ok) setMessage(await refusal(res));
    refresh();
  }

  const levelName = (l: BoundaryLevel) => t(`boundaries.${l}`);
  return (
    <section aria-labelledby={`${id}-h`} className="boundary-upload">
      <h2 id={`${id}-h`}>{t('boundaries.title')}</h2>
      <p className="hint" id={`${id}-hint`}>
        {online ? t('boundaries.intro') : t('boundaries.offline')}
      </p>
      {levels && levels.length === 0 ? <p>{t('boundaries.none')}</p> : null}
      {levels && levels.length > 0 ? (
        <ul>
          {levels.map((l) => (
            <li key={l.level}>
              {t('boundaries.listed', {
                level: levelName(l.level),
                count: l.areaCount,
                file: l.sourceName,
                date: day(l.uploadedAt, lang),
              })}{' '}
              <button type="button" onClick={() => void remove(l.level)} disabled={!online}>
                {t('boundaries.remove', { level: levelName(l.level) })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`}>
        <label htmlFor={`${id}-level`}>{t('boundaries.level')}</label>
        <select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value as BoundaryLevel)}>
          <option value="adm1">{levelName('adm1')}</option>
          <option value="adm2">{levelName('adm2')}</option>
        </select>
        <label htmlFor={`${id}-file`}>{t('boundaries.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          required
          aria-describedby={`${id}-hint`}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <label htmlFor={`${id}-pcode`}>{t('boundaries.pcode')}</label>
        <input id={`${id}-pcode`} value={pcode} maxLength={64} onChange={(e) => setPcode(e.target.value)} />
        <label htmlFor={`${id}-name`}>{t('boundaries.name')}</label>
        <input id={`${id}-name`} value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
        <div>
          <button type="submit" className="button-primary" disabled={sending || !online}>
            {sending ? t('boundaries.sending') : t('boundaries.submit')}
          </button>
        </div>
      </form>
      {message ? (
        <div className={message.ok ? 'alert alert-success' : 'alert alert-warning'} role="status">
          <p>{message.text}</p>
          {!message.ok && message.problems.length > 0 ? (
            <ul>
              {message.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
