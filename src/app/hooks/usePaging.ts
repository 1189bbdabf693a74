import { useCallback, useMemo } from 'react';
import type { FormDefinition } from '../../core/forms/definition';
import type { FormState } from '../../core/forms/engine';
import { pickScreen, screenItems, screenOfItems } from '../components/questions/screens';
import { useStoredState } from './useStoredState';

const ONE_PER_SCREEN_KEY = 'terrain.onePerScreen';

/**
 * "One question per screen": on when the form asks for it (`settings.style` pages) or when the user chose
 * it (remembered on this device). Each top-level item is a screen; screens the engine finds not relevant
 * are skipped. The screen a draft was left on is remembered per draft, so it reopens there.
 */
export function usePaging(draftId: string, form: FormDefinition, state: FormState) {
  const [chosen, setChosen] = useStoredState<boolean>(ONE_PER_SCREEN_KEY, false);
  const [wanted, setWanted] = useStoredState<string | null>(`terrain.screen.${draftId}`, null);
  const forced = (form.settings.style ?? '').split(/\s+/).includes('pages');
  const items = useMemo(() => screenItems(form), [form]);
  const screenOf = useMemo(() => screenOfItems(form), [form]);
  const visible = items.filter((item) => state.relevant([item.name]));
  const current = pickScreen(
    items.map((item) => item.name),
    (name) => state.relevant([name]),
    wanted ?? undefined,
  );
  /** Shows the screen holding the item named `name` (e.g. the first question to correct). */
  const showItem = useCallback(
    (name: string) => {
      const screen = screenOf.get(name);
      if (screen) setWanted(screen);
    },
    [screenOf, setWanted],
  );
  return {
    enabled: forced || chosen,
    forced,
    setChosen,
    visible,
    current,
    go: setWanted,
    showItem,
    forget: useCallback(() => setWanted(null), [setWanted]),
  };
}

export type Paging = ReturnType<typeof usePaging>;
