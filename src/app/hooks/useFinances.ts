import { useLiveQuery } from 'dexie-react-hooks';
import type {
  ExchangeRateRecord,
  OrganisationRecord,
  PlannedDisbursementRecord,
  ProjectRecord,
  TransactionRecord,
} from '../db/schema';
import { getProject } from '../repositories/coordination';
import { listOrganisations } from '../repositories/editReads';
import { listPlannedDisbursements, listRates, listTransactions } from '../repositories/flows';
import { useSignedIn } from './useSignedIn';

export interface Finances {
  project: ProjectRecord;
  transactions: TransactionRecord[];
  planned: PlannedDisbursementRecord[];
  rates: ExchangeRateRecord[];
  organisations: OrganisationRecord[];
}

/** A project's aid flows and the rates, live; `undefined` while loading, `null` when the project is not here. */
export function useFinances(projectId: string): Finances | null | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(async () => {
    const project = await getProject(db, projectId);
    if (!project) return null;
    const [transactions, planned, rates, organisations] = await Promise.all([
      listTransactions(db, projectId),
      listPlannedDisbursements(db, projectId),
      listRates(db),
      listOrganisations(db),
    ]);
    return { project, transactions, planned, rates, organisations };
  }, [db, projectId]);
}

/** The exchange rates on the device, live. */
export function useRates(): ExchangeRateRecord[] | undefined {
  const { db } = useSignedIn();
  return useLiveQuery(() => listRates(db), [db]);
}
