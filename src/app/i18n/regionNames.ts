import type { UiLanguage } from '../../core/i18n/uiLanguages';
import type { ProjectLocation } from '../../core/records/project';

/**
 * Names of Mali's regions (adm1) by the codes project locations carry. There is no table of administrative
 * areas on the device, so the list is here, small, and loads with the coordination pages only.
 *
 * The code system: the demo seed writes OCHA-style P-codes (`ML` and the region's two-digit number, then two
 * digits per level below: `ML0701` is a cercle of Gao), not ISO 3166-2 (`ML-7`). The eight historical regions
 * are numbered 01–08 alike in both. ML10 is Ménaka because the demo seed writes it so (Ménaka was created from
 * a cercle of Gao; the 2012 law numbers it the tenth region), while ISO 3166-2 numbers Ménaka ML-9 and
 * Taoudénit ML-10. ML09 (Bamako in OCHA's older lists, ISO's ML-BKO) and Taoudénit's P-code could not be
 * confirmed here, so they are left out: an unknown code is shown as the code, never as a guessed name.
 */
const REGIONS: Readonly<Record<string, string | Readonly<Record<UiLanguage, string>>>> = {
  ML01: 'Kayes',
  ML02: 'Koulikoro',
  ML03: 'Sikasso',
  ML04: 'Ségou',
  ML05: 'Mopti',
  ML06: { fr: 'Tombouctou', en: 'Timbuktu' },
  ML07: 'Gao',
  ML08: 'Kidal',
  ML10: 'Ménaka',
};

/** The region's name in `lang`; the code itself when it is not one of the list. */
export function regionName(code: string, lang: UiLanguage): string {
  const name = REGIONS[code];
  if (name === undefined) return code;
  return typeof name === 'string' ? name : name[lang];
}

/**
 * A place as the project page lists it: its name, its region's when that says more (« Kabara — Tombouctou »),
 * then its codes, which stay useful to whoever matches them with other data.
 */
export function locationText(location: ProjectLocation, lang: UiLanguage): string {
  const region = location.adm1 ? regionName(location.adm1, lang) : null;
  const named = region !== null && region !== location.adm1 && region !== location.name;
  const codes = [location.adm1, location.adm2, location.adm3].filter(Boolean);
  return `${location.name}${named ? ` — ${region}` : ''}${codes.length > 0 ? ` (${codes.join(' / ')})` : ''}`;
}
