import { useLiveQuery } from 'dexie-react-hooks';
import type { ExchangeRateRecord, TransactionRecord } from '../db/schema';
import { listRates, listTransactions } from '../repositories/flows';
import { useSignedIn } from './useSignedIn';

export interface ProjectFunding {
  transactions: TransactionRecord[];
  rates: ExchangeRateRecord[];
}

/** A project's transactions and the exchange rates, live, for its page's funding summary; `undefined` while loading. */
export function useProjectFunding(projectId: string): ProjectFunding | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => {
    const [transactions, rates] = await Promise.all([listTransactions(db, projectId), listRates(db)]);
    return { transactions, rates };
  }, [db, projectId]);
}
