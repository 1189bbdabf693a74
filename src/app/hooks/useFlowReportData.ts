import { useLiveQuery } from 'dexie-react-hooks';
import type { ExchangeRateRecord, OrganisationRecord, ProjectRecord, TransactionRecord } from '../db/schema';
import { listProjectsMatching, organisationsById } from '../repositories/coordination';
import { listRates } from '../repositories/flows';
import { projectFacets, type ProjectFacets, type ProjectFilter } from '../repositories/projectFilter';
import { useSignedIn } from './useSignedIn';

export interface FlowReportData {
  /** The projects the filter keeps, and the transactions of those projects (deleted ones left out). */
  projects: ProjectRecord[];
  transactions: TransactionRecord[];
  rates: ExchangeRateRecord[];
  organisations: Map<string, OrganisationRecord>;
  /** The filter values offered: from every project on the device, as on the project list. */
  facets: ProjectFacets;
}

/** What the aid-flow report is built from, on this device, live (so it works offline). */
export function useFlowReportData(filter: ProjectFilter): FlowReportData | undefined {
  const { db } = useSignedIn();
  const { sector, region, organisationId, status } = filter;
  return useLiveQuery(async () => {
    const [all, projects, organisations, rates] = await Promise.all([
      listProjectsMatching(db, {}),
      listProjectsMatching(db, { sector, region, organisationId, status }),
      organisationsById(db),
      listRates(db),
    ]);
    const ids = projects.map((p) => p.id);
    const transactions = (await db.transactions.where('projectId').anyOf(ids).toArray()).filter(
      (t) => !t.deleted,
    );
    return { projects, transactions, rates, organisations, facets: projectFacets(all) };
  }, [db, sector, region, organisationId, status]);
}
