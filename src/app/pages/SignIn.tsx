import { useEffect, useState, type FormEvent } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useApp } from '../hooks/useApp';
import { useOnline } from '../hooks/useOnline';
// Registers this page's strings (they load with it, not at start).
import '../i18n/signInStrings';
import '../i18n/vaultStrings';
import { useT } from '../i18n/useT';
import { prefetchSignedIn } from '../state/prefetch';
import { signInError } from './signInError';
import { unlockError } from './unlockError';

/** Sign in once with the network; afterwards the stored session opens the app offline. */
export function SignIn() {
  const { t, lang } = useT();
  const { signIn, notice } = useApp();
  const online = useOnline();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Once this page is usable, the signed-in app downloads while the user types.
  useEffect(prefetchSignedIn, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('signIn.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (caught) {
      // The server said yes but the device's data for this account does not open (vault/unlock.ts).
      setError(
        (caught as { name?: unknown }).name === 'VaultError'
          ? unlockError(caught, t, lang)
          : signInError(caught, t, lang),
      );
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <div className="signin-top">
        <p className="brand">{t('app.name')}</p>
        <LanguageSwitch />
      </div>
      <h1>{t('signIn.title')}</h1>
      {notice ? (
        <p className="alert alert-warning" role="status">
          {t(notice === 'revoked' ? 'notice.revoked' : 'notice.removed')}
        </p>
      ) : null}
      <p>{t('signIn.intro')}</p>
      {!online ? (
        <p className="alert alert-warning" role="status">
          {t('signIn.offline')}
        </p>
      ) : null}
      <form className="signin-form" noValidate onSubmit={(event) => void submit(event)}>
        <label htmlFor="signin-username">{t('signIn.username')}</label>
        <input
          id="signin-username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <label htmlFor="signin-password">{t('signIn.password')}</label>
        <input
          id="signin-password"
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
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
