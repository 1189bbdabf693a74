import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/** The sign-out confirmation (SignOutPanel.tsx): it loads when asked for. See pageStrings.ts. */
export const signOutFr = {
  'signOut.pending':
    '{count} modification(s) attendent encore la synchronisation. Elles restent sur cet appareil et partiront à votre prochaine connexion.',
  'signOut.question': 'Se déconnecter ? Vos données restent chiffrées sur cet appareil.',
  'signOut.remove': 'Retirer mes données de cet appareil',
  'signOut.confirm': 'Oui, se déconnecter',
};

const signOutEn: Record<keyof typeof signOutFr, string> = {
  'signOut.pending':
    '{count} change(s) are still waiting to sync. They stay on this device and will be sent when you sign in again.',
  'signOut.question': 'Sign out? Your data stays on this device, encrypted.',
  'signOut.remove': 'Remove my data from this device',
  'signOut.confirm': 'Yes, sign out',
};

registerPageStrings({ fr: signOutFr, en: signOutEn } satisfies Record<UiLanguage, Record<string, string>>);
