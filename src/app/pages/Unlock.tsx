import { useEffect, useState, type FormEvent } from 'react';
import { ConfirmPanel } from '../components/ConfirmPanel';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useApp } from '../hooks/useApp';
import '../i18n/signInStrings';
// Registers this page's strings (they load with it, not at start).
import '../i18n/vaultStrings';
import { useT } from '../i18n/useT';
import { prefetchSignedIn } from '../state/prefetch';
import { unlockError } from './unlockError';

/**
 * The locked app (after a reload, an idle time): this page and nothing else, so no data is on screen or in
 * the page. The password unlocks offline; a user whose key this device does not keep yet (an app updated
 * from before the vault) signs in online instead. Another user of the tablet signs this one out here.
 */
export function Unlock() {
  const { t, lang } = useT();
  const { session, unlock, signOut } = useApp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [switching, setSwitching] = useState(false);
  // The signed-in app downloads while the password is typed (from the precache, offline).
  useEffect(prefetchSignedIn, []);
  const name = session?.user.displayName ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setError(t('unlock.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unlock(password);
    } catch (caught) {
      setError(unlockError(caught, t, lang));
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <div className="signin-top">
        <p className="brand">{t('app.name')}</p>
        <LanguageSwitch />
      </div>
      <h1>{t('unlock.title')}</h1>
      <p>{t('unlock.intro', { name })}</p>
      <form className="signin-form" noValidate onSubmit={(event) => void submit(event)}>
        {/* For password managers: whose password this is. */}
        <input type="hidden" name="username" autoComplete="username" value={session?.user.username ?? ''} />
        <label htmlFor="unlock-password">{t('unlock.password')}</label>
        <input
          id="unlock-password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? t('unlock.submitting') : t('unlock.submit')}
        </button>
      </form>
      {switching ? (
        <ConfirmPanel
          question={t('unlock.switchQuestion', { name })}
          confirmLabel={t('unlock.switchConfirm')}
          onConfirm={() => void signOut()}
          onCancel={() => setSwitching(false)}
        />
      ) : (
        <button type="button" className="button-quiet" onClick={() => setSwitching(true)}>
          {t('unlock.switch')}
        </button>
      )}
    </main>
  );
}
