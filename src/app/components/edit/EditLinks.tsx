import { hasRole } from '../../../core/records/user';
import { useSignedIn } from '../../hooks/useSignedIn';
// Registers the strings of the edit pages' links (they load with the pages that show them).
import '../../i18n/editLinkStrings';
import type { MessageKey } from '../../i18n/types';
import { useT } from '../../i18n/useT';
import { hrefOf, type Route } from '../../state/router';

/**
 * The route of an edit page: `editRoute('projects', id)` is `#/edit/projects/<id>`. The router only knows
 * `#/edit/…` (its bytes count for every agent); pages/Editor.tsx reads the rest. Here, with the links, so
 * that the links and the edit pages share one chunk.
 */
export function editRoute(...parts: string[]): Route {
  return { name: 'edit', hash: `#/edit/${parts.map(encodeURIComponent).join('/')}` };
}

/** The parts of an edit route's hash after `#/edit/`, decoded; null when one is not valid percent-encoding. */
export function editParts(hash: string): string[] | null {
  try {
    const path = hash.replace(/^#/, '').split('?')[0] ?? '';
    return path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/**
 * The ways into the edit pages, on the project and indicator pages: shown only to those the server lets
 * write (src/core/sync/mergeTables.ts): supervisors and admins edit, only admins create a project. Agents
 * and focal points see none.
 */
function EditLinks({ links }: { links: [parts: string[], label: MessageKey, adminOnly?: boolean][] }) {
  const { t } = useT();
  const { session } = useSignedIn();
  const role = session.user.role;
  if (!hasRole(role, 'supervisor')) return null;
  return (
    <p className="edit-links">
      {links
        .filter(([, , adminOnly]) => !adminOnly || role === 'admin')
        .map(([parts, label]) => (
          <a key={label} className="button-link" href={hrefOf(editRoute(...parts))}>
            {t(label)}
          </a>
        ))}
    </p>
  );
}

/** "New project" (admins) and "Organisations", on the project list. */
export function ProjectListLinks() {
  return (
    <EditLinks
      links={[
        [['projects', 'new'], 'link.newProject', true],
        [['organisations'], 'link.organisations'],
      ]}
    />
  );
}

/** "Edit" and "New indicator" on a project's page. */
export function ProjectLinks({ id }: { id: string }) {
  return (
    <EditLinks
      links={[
        [['projects', id], 'link.editProject'],
        [['projects', id, 'indicators', 'new'], 'link.newIndicator'],
        [['projects', id, 'finances'], 'link.finances'],
      ]}
    />
  );
}

/** "Edit" on an indicator's page. */
export function IndicatorLinks({ id }: { id: string }) {
  return <EditLinks links={[[['indicators', id], 'link.editIndicator']]} />;
}
