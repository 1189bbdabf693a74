import { pickText } from '../../../core/i18n/localized';
import { useLatestForms } from '../../hooks/useLatestForms';
import { useProjects } from '../../hooks/useProjects';
import '../../i18n/dataTableStrings';
import { useT } from '../../i18n/useT';
import { hrefOf } from '../../state/router';
import { dataRoute } from './dataRoute';

/**
 * The review queue's way into the data tables: one link per form on this device (with its project when
 * the device holds several), and how many of its submissions wait in the queue, so that a reviewer can
 * verify them several at a time from the table.
 */
export function QueueDataLinks({ waiting }: { waiting: ReadonlyMap<string, number> }) {
  const { t, lang } = useT();
  const forms = useLatestForms();
  const projects = useProjects();
  if (!forms || forms.length === 0) return null;
  const several = new Set(forms.map((f) => f.projectId)).size > 1;
  const projectTitle = (id: string) => {
    const project = projects?.find((p) => p.id === id);
    return project ? pickText(project.title, lang) : id;
  };
  return (
    <section aria-labelledby="queue-data">
      <h2 id="queue-data">{t('table.forms')}</h2>
      <ul>
        {forms.map((form) => {
          const count = waiting.get(`${form.projectId}\n${form.formId}`) ?? 0;
          const title = pickText(form.definition.title, lang);
          return (
            <li key={`${form.projectId}/${form.formId}`}>
              <a href={hrefOf(dataRoute({ projectId: form.projectId, formId: form.formId }))}>
                {several
                  ? t('table.formOfProject', { form: title, project: projectTitle(form.projectId) })
                  : title}
              </a>
              {count > 0 ? <span className="card-meta"> · {t('table.waiting', { count })}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
