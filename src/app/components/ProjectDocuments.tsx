import { useEffect, useId, useState, type FormEvent } from 'react';
import { hasRole } from '../../core/records/user';
import {
  DEFAULT_DOCUMENT_CATEGORY,
  DOCUMENT_CATEGORIES,
  type DocumentCategory,
  type ProjectDocument,
} from '../../core/records/project';
import { MAX_MEDIA_BYTES } from '../../core/sync/media';
import { useProjectDocuments } from '../hooks/useProjectDocuments';
import '../i18n/documentStrings';
import { day } from '../i18n/format';
import type { MessageKey } from '../i18n/types';
import { useT } from '../i18n/useT';
import { DocumentInvalidError, documentsOf } from '../repositories/projectDocuments';
import { isQuotaError } from '../repositories/media';

/** The categories offered: IATI's activity documents (A…); an organisation's (B…) are shown as their code. */
const CATEGORIES = DOCUMENT_CATEGORIES.filter((c) => c.startsWith('A'));

const categoryKey = (code: string): MessageKey | null =>
  (CATEGORIES as readonly string[]).includes(code) ? (`doc.cat.${code}` as MessageKey) : null;

type Opened =
  { state: 'opening' } | { state: 'ready'; url: string } | { state: 'missing' | 'offline' | 'error' };

/** One document: open (from the device, or downloaded), its state, and its admin / supervisor actions. */
function DocumentRow(props: {
  document: ProjectDocument;
  waiting: boolean;
  canEdit: boolean;
  isAdmin: boolean;
  open: (d: ProjectDocument) => ReturnType<ReturnType<typeof useProjectDocuments>['open']>;
  onRemove: () => void;
  onPublic: (value: boolean) => void;
}) {
  const { t, lang } = useT();
  const { document: d } = props;
  const [opened, setOpened] = useState<Opened | null>(null);
  const url = opened?.state === 'ready' ? opened.url : null;
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const open = async () => {
    setOpened({ state: 'opening' });
    try {
      const result = await props.open(d);
      setOpened(
        result.kind === 'ready'
          ? { state: 'ready', url: URL.createObjectURL(result.blob) }
          : { state: result.kind },
      );
    } catch {
      setOpened({ state: 'error' });
    }
  };
  const category = categoryKey(d.category);
  return (
    <li className="card">
      <div className="card-text">
        <span className="card-title">{d.title}</span>
        <span className="card-meta">
          {category ? t(category) : d.category}
          {d.language ? ` · ${t(`doc.language.${d.language}`)}` : ''}
          {d.date ? ` · ${day(d.date, lang)}` : ''}
          {d.name ? ` · ${d.name}` : ''}
        </span>
        {d.public || props.waiting ? (
          <span className="doc-badges">
            {d.public ? <span className="badge badge-synced">{t('doc.public')}</span> : null}
            {props.waiting ? <span className="badge badge-pending">{t('doc.waiting')}</span> : null}
          </span>
        ) : null}
        <div className="doc-actions">
          {url ? (
            <a href={url} download={d.name || 'document'}>
              {t('doc.save', { name: d.name || d.title })}
            </a>
          ) : (
            <button type="button" onClick={() => void open()} disabled={opened?.state === 'opening'}>
              {opened?.state === 'opening' ? t('doc.opening') : t('doc.open')}
            </button>
          )}
          {props.isAdmin ? (
            <label>
              <input type="checkbox" checked={d.public} onChange={(e) => props.onPublic(e.target.checked)} />{' '}
              {t('doc.makePublic')}
            </label>
          ) : null}
          {props.canEdit ? (
            <button type="button" className="button-danger-quiet" onClick={props.onRemove}>
              {t('doc.remove', { title: d.title })}
            </button>
          ) : null}
        </div>
        {opened && opened.state !== 'opening' && opened.state !== 'ready' ? (
          <p className="field-error" role="alert">
            {t(`doc.${opened.state}`)}
          </p>
        ) : null}
      </div>
    </li>
  );
}

const problemKey = (error: unknown): MessageKey => {
  if (error instanceof DocumentInvalidError) return `doc.error.${error.problem}`;
  return isQuotaError(error) ? 'doc.error.full' : 'doc.error.other';
};

/**
 * A project's documents (`#/projects/:id`): everyone who sees the project lists and opens them; supervisors
 * and admins attach a file (saved on the device, sent by the sync, offline or not) and remove one; only
 * admins make one public (the server refuses it from anyone else).
 */
export function ProjectDocuments({
  projectId,
  documents: stored,
}: {
  projectId: string;
  documents: readonly unknown[];
}) {
  const { t } = useT();
  // As stored: a document synced before its later fields read with their defaults.
  const documents = documentsOf({ documents: stored });
  const docs = useProjectDocuments(projectId, documents);
  const canEdit = hasRole(docs.role, 'supervisor');
  const isAdmin = docs.role === 'admin';
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<DocumentCategory>(DEFAULT_DOCUMENT_CATEGORY);
  const [language, setLanguage] = useState<'' | 'fr' | 'en'>('');
  const [date, setDate] = useState('');
  const [isPublic, setIsPublic] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ key: MessageKey; error: boolean } | null>(null);
  const [formKey, setFormKey] = useState(0);

  const run = async (action: () => Promise<void>, done: MessageKey) => {
    setMessage(null);
    try {
      await action();
      setMessage({ key: done, error: false });
    } catch (error) {
      setMessage({ key: problemKey(error), error: true });
    }
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || file.size === 0) return setMessage({ key: 'doc.error.file', error: true });
    if (file.size > MAX_MEDIA_BYTES) return setMessage({ key: 'doc.error.tooLarge', error: true });
    if (title.trim() === '') return setMessage({ key: 'doc.error.title', error: true });
    setBusy(true);
    await run(async () => {
      await docs.add(file, {
        title,
        category,
        language: language === '' ? null : language,
        date: date === '' ? null : date,
        public: isAdmin && isPublic,
      });
      // A fresh form: the file input cannot be emptied otherwise.
      setFile(null);
      setTitle('');
      setDate('');
      setIsPublic(false);
      setFormKey((k) => k + 1);
    }, 'doc.added');
    setBusy(false);
  };

  return (
    <section aria-labelledby={`${ids}-docs`}>
      <h2 id={`${ids}-docs`}>{t('doc.title')}</h2>
      {documents.length === 0 ? (
        <p>{t('doc.none')}</p>
      ) : (
        <ul className="card-list">
          {documents.map((d) => (
            <DocumentRow
              key={d.sha256}
              document={d}
              waiting={docs.waiting.has(d.sha256)}
              canEdit={canEdit}
              isAdmin={isAdmin}
              open={docs.open}
              onRemove={() => void run(() => docs.remove(d.sha256), 'doc.removed')}
              onPublic={(value) => void run(() => docs.setPublic(d.sha256, value), 'doc.publicSaved')}
            />
          ))}
        </ul>
      )}
      {message ? (
        <p className={message.error ? 'field-error' : 'card-meta'} role={message.error ? 'alert' : 'status'}>
          {t(message.key)}
        </p>
      ) : null}
      {canEdit ? (
        <form key={formKey} className="edit-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <h3>{t('doc.add')}</h3>
          <label>
            {t('doc.file')}
            <input type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <label>
            {t('doc.docTitle')}
            <input value={title} required maxLength={300} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            {t('doc.category')}
            <select value={category} onChange={(e) => setCategory(e.target.value as DocumentCategory)}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c} — {t(`doc.cat.${c}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('doc.language')}
            <select value={language} onChange={(e) => setLanguage(e.target.value as '' | 'fr' | 'en')}>
              <option value="">{t('doc.language.none')}</option>
              <option value="fr">{t('doc.language.fr')}</option>
              <option value="en">{t('doc.language.en')}</option>
            </select>
          </label>
          <label>
            {t('doc.date')}
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          {isAdmin ? (
            <div className="edit-check">
              <label>
                <input type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.target.checked)} />{' '}
                {t('doc.makePublic')}
              </label>
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {t('doc.submit')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
