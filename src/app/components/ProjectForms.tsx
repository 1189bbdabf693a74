import { useState } from 'react';
import { pickText } from '../../core/i18n/localized';
import type { FormRecord, ProjectRecord } from '../db/schema';
import { useDraftActions } from '../hooks/useDraftActions';
import { useT } from '../i18n/useT';
import { navigate } from '../state/router';

interface Group {
  key: string;
  title: string;
  forms: FormRecord[];
}

function groupByProject(
  projects: ProjectRecord[],
  forms: FormRecord[],
  lang: string,
  other: string,
): Group[] {
  const groups: Group[] = projects.map((p) => ({
    key: p.id,
    title: pickText(p.title, lang) || p.code,
    forms: forms.filter((f) => f.projectId === p.id),
  }));
  const known = new Set(projects.map((p) => p.id));
  const orphans = forms.filter((f) => !known.has(f.projectId));
  if (orphans.length > 0) groups.push({ key: '', title: other, forms: orphans });
  return groups.filter((g) => g.forms.length > 0);
}

/** The user's projects with the latest version of each form and a "New submission" button per form. */
export function ProjectForms({ projects, forms }: { projects: ProjectRecord[]; forms: FormRecord[] }) {
  const { t, lang } = useT();
  const actions = useDraftActions();
  const [busy, setBusy] = useState(false);
  // An archived form is offered for no new draft; drafts already started on it are still listed and finished.
  const offered = forms.filter((form) => !form.archivedAt);
  const groups = groupByProject(projects, offered, lang, t('home.otherForms'));
  if (groups.length === 0) return <p className="empty">{t('home.noForms')}</p>;

  const start = async (form: FormRecord) => {
    setBusy(true);
    try {
      const draft = await actions.start(form);
      navigate({ name: 'draft', id: draft.id });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="projects">
      {groups.map((group) => (
        <section className="project" key={group.key} aria-labelledby={`project-${group.key}`}>
          <h3 id={`project-${group.key}`}>{group.title}</h3>
          <ul className="card-list">
            {group.forms.map((form) => {
              const title = pickText(form.definition.title, lang) || form.formId;
              return (
                <li className="card" key={form.key}>
                  <div className="card-text">
                    <span className="card-title">{title}</span>
                    <span className="card-meta">{t('home.version', { version: form.version })}</span>
                  </div>
                  <button
                    type="button"
                    className="button-primary"
                    disabled={busy}
                    onClick={() => void start(form)}
                  >
                    {t('home.newSubmission')}
                    <span className="visually-hidden">: {title}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
