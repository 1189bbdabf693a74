import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The strings of the unlock page and of "Remove my data from this device" (and the sign-in page's notices
 * of removed data): they load with those pages, off the start-up JavaScript. See pageStrings.ts.
 */
export const vaultFr = {
  'unlock.title': 'Terrain est verrouillé',
  'unlock.intro':
    'Les données de {name} sont chiffrées sur cet appareil. Saisissez votre mot de passe pour les ouvrir.',
  'unlock.password': 'Mot de passe',
  'unlock.submit': 'Déverrouiller',
  'unlock.submitting': 'Déverrouillage…',
  'unlock.missing': 'Saisissez votre mot de passe.',
  'unlock.wrong': 'Mot de passe incorrect.',
  'unlock.throttled': 'Trop d’essais. Réessayez dans {wait} (à {time}).',
  'unlock.online':
    'Première ouverture depuis la mise à jour : la connexion au réseau est nécessaire une fois.',
  'unlock.mismatch':
    'Les données de ce compte sur cet appareil ne s’ouvrent ni avec ce mot de passe ni avec la clé du serveur. Contactez votre superviseur.',
  'unlock.other': 'Le déverrouillage a échoué : {message}',
  'unlock.switch': 'Changer d’utilisateur',
  'unlock.switchQuestion': 'Se déconnecter ? Les données de {name} restent chiffrées sur cet appareil.',
  'unlock.switchConfirm': 'Oui, se déconnecter',
  'notice.revoked':
    'L’accès de cet appareil ou de ce compte a été révoqué : ses données ont été effacées de cet appareil.',
  'notice.removed': 'Vos données ont été retirées de cet appareil.',
  'export.inClear':
    'Le fichier n’est pas chiffré : il contient les réponses en clair. Gardez-le en lieu sûr et effacez-le une fois importé.',
  'remove.title': 'Retirer mes données de cet appareil',
  'remove.intro':
    'Efface de cet appareil tout ce que vous y avez (brouillons, soumissions, photos), puis vous déconnecte. Ce qui est sur le serveur n’est pas touché.',
  'remove.unsent':
    '{count} élément(s) ne sont pas encore sur le serveur. Synchronisez, ou exportez-les dans un fichier ci-dessus, avant de retirer vos données.',
  'remove.exported':
    'Le fichier exporté contient ce qui n’est pas encore envoyé : vous pouvez retirer vos données.',
  'remove.button': 'Retirer mes données',
  'remove.question':
    'Effacer toutes vos données de cet appareil ? Ce qui n’est pas sur le serveur ni exporté sera perdu.',
  'remove.confirm': 'Oui, effacer',
  'remove.refused': 'Des données non envoyées sont apparues depuis l’export : exportez à nouveau.',
};

const vaultEn: Record<keyof typeof vaultFr, string> = {
  'unlock.title': 'Terrain is locked',
  'unlock.intro': "{name}'s data is encrypted on this device. Enter your password to open it.",
  'unlock.password': 'Password',
  'unlock.submit': 'Unlock',
  'unlock.submitting': 'Unlocking…',
  'unlock.missing': 'Enter your password.',
  'unlock.wrong': 'Wrong password.',
  'unlock.throttled': 'Too many attempts. Try again in {wait} (at {time}).',
  'unlock.online': 'First opening since the update: the network is needed once.',
  'unlock.mismatch':
    "This account's data on this device opens neither with this password nor with the server's key. Contact your supervisor.",
  'unlock.other': 'Unlocking failed: {message}',
  'unlock.switch': 'Switch user',
  'unlock.switchQuestion': "Sign out? {name}'s data stays encrypted on this device.",
  'unlock.switchConfirm': 'Yes, sign out',
  'notice.revoked':
    "This device's or this account's access was revoked: its data was erased from this device.",
  'notice.removed': 'Your data was removed from this device.',
  'export.inClear':
    'The file is not encrypted: it holds the answers in clear. Keep it safe and delete it once imported.',
  'remove.title': 'Remove my data from this device',
  'remove.intro':
    'Erases from this device everything of yours on it (drafts, submissions, photos), then signs you out. What is on the server is not touched.',
  'remove.unsent':
    '{count} item(s) are not on the server yet. Sync, or export them to a file above, before removing your data.',
  'remove.exported': 'The exported file holds what is not sent yet: you may remove your data.',
  'remove.button': 'Remove my data',
  'remove.question':
    'Erase all your data from this device? What is neither on the server nor exported will be lost.',
  'remove.confirm': 'Yes, erase',
  'remove.refused': 'Unsent data appeared since the export: export again.',
};

const VAULT_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: vaultFr, en: vaultEn };
registerPageStrings(VAULT_STRINGS);
