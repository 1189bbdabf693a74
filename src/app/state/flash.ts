/**
 * A one-shot confirmation message that survives a navigation (e.g. "Submission finalized" shown on the
 * submissions page). Kept in memory only; the page that shows it takes it.
 */
import type { MessageKey } from '../i18n/types';

let current: MessageKey | null = null;

export function setFlash(message: MessageKey | null): void {
  current = message;
}

export function getFlash(): MessageKey | null {
  return current;
}
