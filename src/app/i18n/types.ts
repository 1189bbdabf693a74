import type { UiLanguage } from '../../core/i18n/uiLanguages';
import type { fr } from './fr';
import type { coordinationFr } from './coordinationStrings';
import type { dataMapFr } from './dataMapStrings';
import type { dataTableFr } from './dataTableStrings';
import type { editLinkFr } from './editLinkStrings';
import type { editFr } from './editStrings';
import type { exportsFr } from './exportsStrings';
import type { formMediaFr } from './formMediaStrings';
import type { formsPageFr } from './formsPageStrings';
import type { historyFr } from './historyStrings';
import type { mapFr } from './mapStrings';
import type { mapPackFr } from './mapPackStrings';
import type { pageFr } from './pageStrings';
import type { publicFr } from './publicStrings';
import type { boundaryFr } from './boundaryStrings';
import type { readingFr } from './readingStrings';
import type { reportFr } from './reportStrings';
import type { signInFr } from './signInStrings';
import type { signOutFr } from './signOutStrings';
import type { storageFr } from './storageStrings';
import type { transferFr } from './transferStrings';
import type { usageFr } from './usageStrings';
import type { iatiFr } from './iatiStrings';
import type { userAdminFr } from './userAdminStrings';
import type { vaultFr } from './vaultStrings';
import type { flowFr } from './flowStrings';
import type { flowReportFr } from './flowReportStrings';
import type { projectFundingFr } from './projectFundingStrings';
import type { documentFr } from './documentStrings';

/** The keys of fr.ts / en.ts: the strings the app needs from its first screen. */
export type CoreKey = keyof typeof fr;
/** Every interface string key: the core ones and those of lazily loaded pages (pageStrings.ts and the like). */
export type MessageKey =
  | CoreKey
  | keyof typeof pageFr
  | keyof typeof signInFr
  | keyof typeof transferFr
  | keyof typeof coordinationFr
  | keyof typeof editFr
  | keyof typeof editLinkFr
  | keyof typeof reportFr
  | keyof typeof historyFr
  | keyof typeof vaultFr
  | keyof typeof exportsFr
  | keyof typeof formsPageFr
  | keyof typeof formMediaFr
  | keyof typeof userAdminFr
  | keyof typeof usageFr
  | keyof typeof iatiFr
  | keyof typeof readingFr
  | keyof typeof storageFr
  | keyof typeof signOutFr
  | keyof typeof dataTableFr
  | keyof typeof mapFr
  | keyof typeof publicFr
  | keyof typeof mapPackFr
  | keyof typeof dataMapFr
  | keyof typeof boundaryFr
  | keyof typeof flowFr
  | keyof typeof flowReportFr
  | keyof typeof projectFundingFr
  | keyof typeof documentFr;
export type Dictionary = Record<CoreKey, string>;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export interface I18nValue {
  lang: UiLanguage;
  setLang: (lang: UiLanguage) => void;
  t: Translate;
}
