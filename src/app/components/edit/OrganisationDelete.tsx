import { useState } from 'react';
import { pickText } from '../../../core/i18n/localized';
import type { OrganisationRecord } from '../../db/schema';
import { useDeleteOrganisation } from '../../hooks/useDeleteOrganisation';
import { useLiveProjects } from '../../hooks/useLiveProjects';
import { useSignedIn } from '../../hooks/useSignedIn';
import type { MessageKey } from '../../i18n/types';
import { useT } from '../../i18n/useT';
import { EditInvalidError } from '../../repositories/mergedEdit';
import { organisationRights } from '../../repositories/organisationEdits';
import { ConfirmPanel } from '../ConfirmPanel';

/**
 * Deleting an organisation, offered only when no project on the device names it (the server refuses to
 * delete a named one, for everyone); otherwise the projects that name it, so the user knows what to change.
 * What the device cannot know (other projects, who created it) is said in the confirmation.
 */
export function OrganisationDelete({
  organisation,
  onDeleted,
}: {
  organisation: OrganisationRecord;
  onDeleted: () => void;
}) {
  const { t, lang } = useT();
  const { session } = useSignedIn();
  const projects = useLiveProjects();
  const remove = useDeleteOrganisation();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!projects) return null;
  const rights = organisationRights(session.user.role, organisation.id, projects);
  if (rights.usedBy.length > 0) {
    const names = rights.usedBy.map((p) => `${p.code} (${pickText(p.title, lang)})`).join(', ');
    return <p className="card-meta">{t('edit.org.inUse', { projects: names })}</p>;
  }
  if (!rights.delete) return null;
  const confirm = async () => {
    setConfirming(false);
    setFailure(null);
    try {
      await remove(organisation);
      onDeleted();
    } catch (error) {
      setFailure(
        error instanceof EditInvalidError
          ? t(Object.values(error.problems)[0] as MessageKey, { projects: '' })
          : error instanceof Error
            ? error.message
            : String(error),
      );
    }
  };
  return (
    <div className="card-actions">
      <button type="button" className="button-danger-quiet" onClick={() => setConfirming(true)}>
        {t('edit.org.delete')}
      </button>
      {confirming ? (
        <ConfirmPanel
          question={t('edit.org.deleteQuestion')}
          detail={hasOtherRules(session.user.role) ? t('edit.org.deleteDetail') : undefined}
          confirmLabel={t('edit.org.deleteConfirm')}
          onConfirm={() => void confirm()}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      {failure ? (
        <p className="alert alert-error" role="alert">
          {failure}
        </p>
      ) : null}
    </div>
  );
}

/** An admin's device holds every project: for them the device's answer is the server's. */
const hasOtherRules = (role: string) => role !== 'admin';
