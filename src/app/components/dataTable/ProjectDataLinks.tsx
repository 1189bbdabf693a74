import { pickText } from '../../../core/i18n/localized';
import { useLatestForms } from '../../hooks/useLatestForms';
// The few strings of this list load with the project page.
import '../../i18n/dataTableStrings';
import { useT } from '../../i18n/useT';
import { hrefOf } from '../../state/router';
import { dataRoute } from './dataRoute';

/** The project page's way into the data tables: one link per form of the project on this device. */
export function ProjectDataLinks({ projectId }: { projectId: string }) {
  const { t, lang } = useT();
  const forms = useLatestForms()?.filter((f) => f.projectId === projectId);
  if (!forms) return null;
  return (
    <section aria-labelledby="proj-data">
      <h2 id="proj-data">{t('table.forms')}</h2>
      {forms.length === 0 ? (
        <p>{t('table.noForms')}</p>
      ) : (
        <ul>
          {forms.map((form) => (
            <li key={form.formId}>
              <a href={hrefOf(dataRoute({ projectId, formId: form.formId }))}>
                {pickText(form.definition.title, lang)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
