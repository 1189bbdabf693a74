import { IatiImport } from './IatiImport';
import { Usage } from './Usage';
import { Users } from './Users';

/**
 * The supervisors' and admins' pages of accounts and use, and the admins' IATI import, as one lazy component of one chunk: a single
 * entry in the start bundle (one `lazy`, one preload list) instead of one per page, for the field agent's
 * budget (GUIDE §4).
 */
export default function AdminPage({ name }: { name: 'users' | 'usage' | 'iati' }) {
  return name === 'users' ? <Users /> : name === 'iati' ? <IatiImport /> : <Usage />;
}
