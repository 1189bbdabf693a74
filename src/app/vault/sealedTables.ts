/**
 * Which tables of the user's database are sealed, and what each keeps in clear. The list is of what may stay
 * readable (an allow-list): ids, dates, statuses, project, form and account ids, and every field an index or
 * a query reads. Everything else in a row (answers, comments, rejected changes' fields and messages, file
 * names and bytes, reviewers' names, merge state holding old values) is sealed, including fields added to
 * a record later, so a new field can never end up in clear by omission.
 *
 * Not sealed: `meta` (sequence numbers, cursor, clock, the device's key pair), `forms` (definitions the
 * server publishes to every member), `projects`, `organisations` and `indicators` (coordination records
 * of the project, no personal data), and the aid flows (`transactions`, `plannedDisbursements`,
 * `exchangeRates`: money between organisations, no person).
 */
export interface SealedTable {
  plain: readonly string[];
  /** A field holding a Blob, sealed as raw bytes after the JSON part. */
  blob?: string;
}

export const SEALED_TABLES: Readonly<Record<string, SealedTable>> = {
  drafts: { plain: ['id', 'formId', 'formVersion', 'projectId', 'startedAt', 'updatedAt', 'replaces'] },
  submissions: {
    plain: [
      'id',
      'formId',
      'formVersion',
      'projectId',
      'startedAt',
      'finalizedAt',
      'replaces',
      'createdBy',
      'syncState',
      'origin',
      'discardedAt',
      'versionHlc',
      'versionState',
      'versionConflicts',
    ],
  },
  outbox: { plain: ['seq', 'mutationId', 'table', 'id', 'op', 'hlc', 'createdAt', 'state'] },
  media: { plain: ['sha256', 'size', 'createdAt', 'uploadState'], blob: 'blob' },
  reviews: { plain: ['id', 'submissionId', 'projectId', 'status', 'reviewedBy', 'deleted'] },
  reviewEvents: { plain: ['id', 'targetTable', 'targetId', 'projectId', 'status', 'at', 'by', 'deleted'] },
  // Names and usernames are personal data: only the ids the indexes read stay in clear.
  members: { plain: ['id', 'userId', 'projectId'] },
  indicatorValues: {
    plain: [
      'id',
      'indicatorId',
      'projectId',
      'periodStart',
      'periodEnd',
      'categories',
      'value',
      'enteredBy',
      'reviewStatus',
      'reviewedBy',
      'deleted',
    ],
  },
};

export const SEALED_TABLE_NAMES = Object.keys(SEALED_TABLES);
