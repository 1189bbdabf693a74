import { useCallback } from 'react';
import { TRANSFER_STRINGS, type TransferKey } from '../i18n/transferStrings';
import type { Vars } from '../i18n/types';
import { useT } from '../i18n/useT';

/** `t` for the export and import pages, whose strings load with them (see transferStrings.ts). */
export function useTransferT(): (key: TransferKey, vars?: Vars) => string {
  const { lang } = useT();
  return useCallback(
    (key, vars) =>
      TRANSFER_STRINGS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        vars && name in vars ? String(vars[name]) : whole,
      ),
    [lang],
  );
}
