import { pickText } from '../../i18n/localized';
import type { Choice, FormDefinition } from '../definition';
import type { InstanceItem } from '../expr';

/** Items by list, per language, per choice array: forms are immutable once loaded, so this never goes stale. */
const cache = new WeakMap<readonly Choice[], Map<string, readonly InstanceItem[]>>();

/**
 * A choice list as the secondary instance pyxform generates from it: each item has the choice's other
 * columns, its `name`, its `label` in `lang` and `itextId`. In an XForm `itextId` names a translation that
 * jr:itext() looks up in the current language; here it already holds that label, and jr:itext() returns it.
 */
export function instanceItems(form: FormDefinition, listName: string, lang: string): readonly InstanceItem[] {
  const choices = form.choiceLists[listName];
  if (!choices) return dataRows(form, listName);
  let byLang = cache.get(choices);
  if (!byLang) cache.set(choices, (byLang = new Map<string, readonly InstanceItem[]>()));
  let items = byLang.get(lang);
  if (!items) {
    items = choices.map((choice) => {
      const label = pickText(choice.label, lang, form.defaultLanguage);
      // Columns of the file win: a GeoJSON feature's own `name` or `label` property is what ODK reads.
      return { name: choice.name, label, itextId: label, ...choice.extra };
    });
    byLang.set(lang, items);
  }
  return items;
}

const rowCache = new WeakMap<readonly Readonly<Record<string, string>>[], readonly InstanceItem[]>();

/** The rows of an attached CSV (pulldata's files) as items: every column, `name` and `label` '' if absent. */
function dataRows(form: FormDefinition, listName: string): readonly InstanceItem[] {
  const rows = form.secondaryInstances?.[listName];
  if (!rows) return [];
  let items = rowCache.get(rows);
  if (!items) rowCache.set(rows, (items = rows.map((row) => ({ name: '', label: '', ...row }))));
  return items;
}
