import { useMemo } from 'react';
import type { ExchangeRate } from '../../core/records/exchangeRate';
import { deleteFlow, importRates, importTransactions, saveFlow, type FlowTable } from '../repositories/flows';
import type { MergedRow } from '../sync/mergedRows';
import { useSignedIn } from './useSignedIn';

/** Saves and deletes aid-flow records as the signed-in user, then starts a sync. */
export function useFlowActions() {
  const { db, engine, session } = useSignedIn();
  const role = session.user.role;
  return useMemo(
    () => ({
      save: async (
        table: FlowTable,
        projectId: string,
        id: string | null,
        change: Record<string, unknown>,
        seen?: MergedRow,
      ): Promise<MergedRow> => {
        const saved = await saveFlow(db, table, projectId, id, change, role, new Date(), seen);
        void engine.syncNow();
        return saved;
      },
      remove: async (table: FlowTable, record: MergedRow): Promise<void> => {
        await deleteFlow(db, table, record, role);
        void engine.syncNow();
      },
      importRates: async (rates: readonly ExchangeRate[]): Promise<void> => {
        await importRates(db, rates, role);
        void engine.syncNow();
      },
      importTransactions: async (
        projectId: string,
        transactions: readonly Readonly<Record<string, unknown>>[],
      ): Promise<void> => {
        await importTransactions(db, projectId, transactions, role);
        void engine.syncNow();
      },
    }),
    [db, engine, role],
  );
}
