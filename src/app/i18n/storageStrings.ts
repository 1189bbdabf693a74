import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/** The storage line of the home page (StorageUsage.tsx): it loads after the first screen. See pageStrings.ts. */
export const storageFr = {
  'storage.usage': 'Stockage utilisé : {used} sur {quota} disponibles.',
  'storage.persisted': 'Données protégées contre l’effacement automatique.',
  'storage.notPersisted': 'Installez l’application pour que le navigateur n’efface pas ses données.',
  'storage.offlineMaps': 'Cartes hors ligne',
};

const storageEn: Record<keyof typeof storageFr, string> = {
  'storage.usage': 'Storage used: {used} of {quota} available.',
  'storage.persisted': 'Data protected from automatic eviction.',
  'storage.notPersisted': 'Install the app so the browser does not erase its data.',
  'storage.offlineMaps': 'Offline maps',
};

registerPageStrings({ fr: storageFr, en: storageEn } satisfies Record<UiLanguage, Record<string, string>>);
