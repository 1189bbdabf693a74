import type { IatiMessage } from '../../core/iati/importMessages';
import { iatiFr } from '../i18n/iatiStrings';
import type { MessageKey, Translate } from '../i18n/types';
import type { IatiImportReport, IatiRefusal } from '../api/iatiRequests';

/**
 * A note or refusal of the IATI import in the user's language, from its code and parameters; a code this
 * page does not know (a newer server) falls back to the server's English message rather than to nothing.
 */
function say(t: Translate, kind: 'note' | 'refusal', m: Pick<IatiMessage, 'code' | 'params' | 'message'>) {
  const key = `iati.${kind}.${m.code}`;
  return Object.hasOwn(iatiFr, key) ? t(key as MessageKey, m.params) : m.message;
}

export function iatiNoteText(t: Translate, note: IatiMessage): string {
  return say(t, 'note', note);
}

/** A note of the report's list: which activity it is about, then what was left out. */
export function iatiActivityNoteText(t: Translate, note: IatiImportReport['notes'][number]): string {
  // An unknown code's message already starts with the activity.
  if (!Object.hasOwn(iatiFr, `iati.note.${note.code}`)) return note.message;
  return t('iati.activityNote', { activity: note.activity, note: say(t, 'note', note) });
}

/** "File refused, line 3, column 18: …" (no column when the refusal is about a whole element). */
export function iatiRefusalText(t: Translate, refusal: IatiRefusal): string {
  const reason = say(t, 'refusal', { ...refusal, message: refusal.reason });
  return refusal.column === null
    ? t('iati.refusedLine', { line: refusal.line, reason })
    : t('iati.refused', { line: refusal.line, column: refusal.column, reason });
}

/** The kind of record a report line is about ("Projet"), or the server's table name for one this page does not know. */
export function iatiTableName(t: Translate, tbl: string): string {
  const key = `iati.tbl.${tbl}`;
  return Object.hasOwn(iatiFr, key) ? t(key as MessageKey) : tbl;
}
