import type { FormIssue } from '../../../core/sync/formAdmin';
import { useT } from '../../i18n/useT';

/** A form's problems (or warnings) as the server found them: where in the workbook, and what to fix. */
export function FormIssueTable({ caption, issues }: { caption: string; issues: readonly FormIssue[] }) {
  const { t } = useT();
  return (
    // Focusable so a keyboard can scroll a wide table on a narrow tablet (axe: scrollable-region-focusable).
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="issue-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('formsPage.sheet')}</th>
            <th scope="col">{t('formsPage.row')}</th>
            <th scope="col">{t('formsPage.column')}</th>
            <th scope="col">{t('formsPage.message')}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue, i) => (
            <tr key={i}>
              {/* The workbook's own sheet names stay as written; `file` (the file as a whole) is translated. */}
              <td>{issue.sheet === 'file' ? t('formsPage.wholeFile') : issue.sheet}</td>
              <td>{issue.row ?? ''}</td>
              <td>{issue.column ?? ''}</td>
              <td>{issue.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
