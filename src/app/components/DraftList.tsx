import { projectFormKey } from '../../core/records/formVersion';
import { useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import type { DraftRecord, FormRecord, ProjectRecord } from '../db/schema';
import { useDraftActions } from '../hooks/useDraftActions';
import { useNow } from '../hooks/useNow';
import { relativeTime } from '../i18n/format';
import { useT } from '../i18n/useT';
import { navigate } from '../state/router';
import { ConfirmPanel } from './ConfirmPanel';

/**
 * Drafts in progress, told apart by their name (instance_name, else the first answer: DraftRecord.label), the
 * form and the project: continue one, or delete it after a confirmation.
 */
export function DraftList({
  drafts,
  forms,
  projects,
}: {
  drafts: DraftRecord[];
  forms: FormRecord[];
  projects: ProjectRecord[];
}) {
  const { t, lang } = useT();
  const now = useNow();
  const actions = useDraftActions();
  const [confirming, setConfirming] = useState<string | null>(null);
  if (drafts.length === 0) return <p className="empty">{t('home.noDrafts')}</p>;
  const titles = new Map(
    forms.map((f) => [projectFormKey(f.projectId, f.formId), pickText(f.definition.title, lang)]),
  );
  const projectNames = new Map(projects.map((p) => [p.id, pickText(p.title, lang) || p.code]));

  return (
    <ul className="card-list">
      {drafts.map((draft) => {
        const formTitle = titles.get(projectFormKey(draft.projectId, draft.formId)) || draft.formId;
        const title = draft.label ? `${draft.label} — ${formTitle}` : formTitle;
        const project = projectNames.get(draft.projectId);
        return (
          <li className="card card-draft" key={draft.id}>
            <div className="card-text">
              <span className="card-title">{title}</span>
              {project ? <span className="card-meta">{project}</span> : null}
              <span className="card-meta">
                {t('home.savedAt', { time: relativeTime(draft.updatedAt, lang, now) })} ·{' '}
                {t('home.version', { version: draft.formVersion })}
                {draft.replaces ? <> · {t('versions.correctionDraft')}</> : null}
              </span>
            </div>
            <div className="card-actions">
              <button
                type="button"
                className="button-primary"
                onClick={() => navigate({ name: 'draft', id: draft.id })}
              >
                {t('home.continue')}
                <span className="visually-hidden">: {title}</span>
              </button>
              <button type="button" className="button-danger-quiet" onClick={() => setConfirming(draft.id)}>
                {t('home.delete')}
                <span className="visually-hidden">: {title}</span>
              </button>
            </div>
            {confirming === draft.id ? (
              <ConfirmPanel
                question={t('home.deleteQuestion')}
                confirmLabel={t('home.deleteConfirm')}
                onConfirm={() => {
                  setConfirming(null);
                  void actions.remove(draft.id);
                }}
                onCancel={() => setConfirming(null)}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
