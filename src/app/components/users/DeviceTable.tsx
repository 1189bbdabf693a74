import { useState } from 'react';
import { lastSyncOf, type ManagedDevice } from '../../../core/sync/userAdmin';
import { dateTime } from '../../i18n/format';
import { useT } from '../../i18n/useT';
import { ConfirmPanel } from '../ConfirmPanel';

interface Props {
  devices: readonly ManagedDevice[];
  nameOf: (userId: string) => string;
  onRevoke: (device: ManagedDevice) => Promise<void>;
}

/** A device's id, short enough to read aloud over the phone (the whole id is in its title). */
export const shortDevice = (clientId: string) => clientId.replace(/^dev_/, '').slice(0, 8);

/** Every device: owner, last sync, app version, unsent changes, and Revoke for a lost or stolen one. */
export function DeviceTable({ devices, nameOf, onRevoke }: Props) {
  const { t, lang } = useT();
  const [confirming, setConfirming] = useState<ManagedDevice | null>(null);
  if (devices.length === 0) return <p className="empty">{t('users.noDevices')}</p>;
  return (
    <>
      <div
        className="table-scroll"
        role="region"
        aria-label={t('users.devices', { count: devices.length })}
        tabIndex={0}
      >
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('users.col.user')}</th>
              <th scope="col">{t('users.col.device')}</th>
              <th scope="col">{t('users.col.lastSync')}</th>
              <th scope="col">{t('users.col.version')}</th>
              <th scope="col">{t('users.col.unsent')}</th>
              <th scope="col">{t('users.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => {
              const last = lastSyncOf(d);
              const name = nameOf(d.userId);
              const device = shortDevice(d.clientId);
              return (
                <tr key={d.clientId}>
                  <td>{name}</td>
                  <td title={d.clientId}>{device}</td>
                  <td>{last ? dateTime(last, lang) : t('users.never')}</td>
                  <td>{d.appVersion ?? t('users.unknown')}</td>
                  <td>{d.unsent ?? t('users.unknown')}</td>
                  <td>
                    {d.revokedAt ? (
                      t('users.revoked', { date: dateTime(d.revokedAt, lang) })
                    ) : d.manageable ? (
                      <button
                        type="button"
                        className="button-danger"
                        aria-label={t('users.revokeLabel', { device, name })}
                        onClick={() => setConfirming(d)}
                      >
                        {t('users.revoke')}
                      </button>
                    ) : (
                      t('users.active')
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {confirming ? (
        <ConfirmPanel
          question={t('users.revokeQuestion', { name: nameOf(confirming.userId) })}
          detail={confirming.clientId}
          confirmLabel={t('users.revoke')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void onRevoke(confirming);
          }}
        />
      ) : null}
    </>
  );
}
