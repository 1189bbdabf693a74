import {
  lastSyncOf,
  SILENT_AFTER_DAYS,
  silentDevices,
  type ManagedDevice,
} from '../../../core/sync/userAdmin';
import { dateTime } from '../../i18n/format';
import { useT } from '../../i18n/useT';
import { shortDevice } from './DeviceTable';

/** The devices not heard from for more than SILENT_AFTER_DAYS: tablets to go and find, or to revoke. */
export function SilentDevices({
  devices,
  nameOf,
  now,
}: {
  devices: readonly ManagedDevice[];
  nameOf: (userId: string) => string;
  now: Date;
}) {
  const { t, lang } = useT();
  const silent = silentDevices(devices, now);
  return (
    <section aria-labelledby="silent-heading">
      <h2 id="silent-heading">{t('users.silent', { days: SILENT_AFTER_DAYS, count: silent.length })}</h2>
      {silent.length === 0 ? (
        <p className="empty">{t('users.silentNone')}</p>
      ) : (
        <ul>
          {silent.map((d) => {
            const last = lastSyncOf(d);
            return (
              <li key={d.clientId}>
                {t('users.silentItem', {
                  name: nameOf(d.userId),
                  device: shortDevice(d.clientId),
                  date: last ? dateTime(last, lang) : t('users.never'),
                  unsent: d.unsent ?? t('users.unknown'),
                })}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
