import { projectFormKey } from '../../core/records/formVersion';
import { submissionSummary } from '../../core/forms/summary';
import { pickText } from '../../core/i18n/localized';
import type { SubmissionRecord } from '../db/schema';
import { useLatestForms } from '../hooks/useLatestForms';
import { usePeople } from '../hooks/usePeople';
import { useReviewStatuses } from '../hooks/useReviewStatuses';
import { useSignedIn } from '../hooks/useSignedIn';
import { useT } from '../i18n/useT';
import { SubmissionRow } from './SubmissionRow';

/** A project's latest submissions, as the submissions list shows them: form, who, when, review and sync state. */
export function ProjectSubmissions({ rows }: { rows: readonly SubmissionRecord[] }) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const forms = useLatestForms();
  const people = usePeople();
  const reviews = useReviewStatuses(rows.map((r) => r.id));
  // Form ids are each project's own: the title is that of the submission's project's form.
  const byKey = new Map((forms ?? []).map((f) => [projectFormKey(f.projectId, f.formId), f]));
  return (
    <ul className="card-list">
      {rows.map((row) => {
        const form = byKey.get(projectFormKey(row.projectId, row.formId));
        return (
          <SubmissionRow
            key={row.id}
            row={row}
            title={form ? pickText(form.definition.title, lang) : t('subs.unknownForm', { id: row.formId })}
            summary={form ? submissionSummary(form.definition, row.data) : ''}
            userId={session.user.id}
            reviewStatus={reviews.get(row.id) ?? null}
            people={people}
          />
        );
      })}
    </ul>
  );
}
