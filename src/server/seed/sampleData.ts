import { randomUUID } from 'node:crypto';
import { encodeHlc } from '../../core/hlc';
import type { Submission } from '../../core/records/submission';
import { publishFormVersion, publishProject, putServerRecord } from '../catalog';
import { SAMPLE_DOCUMENT, seedProjectDocument } from './sampleDocument';
import type { EntityWrite, StorageTx, UserRecord } from '../storage/Storage';
import { DEMO_FORM } from './demoForm';
import {
  PERIODS_2026,
  SAMPLE_ORGANISATIONS,
  SAMPLE_PROJECTS,
  sampleIndicators,
  type SampleProject,
} from './sampleCoordination';
import { SAMPLE_RATES, sampleFlows } from './sampleFlows';

/** How many household surveys the sample holds, spread over the projects. */
export const SAMPLE_SUBMISSIONS = 300;

/** A small deterministic generator (mulberry32): the same seed gives the same demo every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Aminata',
  'Moussa',
  'Fatoumata',
  'Ibrahim',
  'Mariam',
  'Oumar',
  'Aïssata',
  'Hamadoun',
  'Kadidia',
  'Alassane',
  'Rokia',
  'Mohamed',
  'Fadimata',
  'Ag Ahmed',
  'Zeinabou',
];
const LAST = [
  'Maïga',
  'Touré',
  'Cissé',
  'Traoré',
  'Diallo',
  'Haïdara',
  'Sidibé',
  'Coulibaly',
  'Ag Intalla',
  'Walet Mohamed',
  'Dicko',
  'Sangaré',
];
const SOURCES = ['borehole', 'well', 'river', 'vendor', 'other'];

/** The accounts the sample needs: the demo's, found by username. */
export interface SampleAccounts {
  agent: UserRecord;
  focal: UserRecord;
  supervisor: UserRecord;
  members: UserRecord[];
}

/**
 * The sample data of the demo (`seedDemo(storage, { sampleData: true })`): organisations, four projects
 * (the demo's own one enriched), each with its household survey, indicators and manual values for the past
 * periods of 2026 and its aid flows (sampleFlows.ts), and SAMPLE_SUBMISSIONS household surveys. The test
 * harness leaves it out: it is big.
 */
export async function seedSampleData(tx: StorageTx, accounts: SampleAccounts, at: Date): Promise<void> {
  const iso = at.toISOString();
  for (const org of SAMPLE_ORGANISATIONS) {
    // Also an account organisation (a project's reporting organisation references one).
    if (org.id !== 'adn') await tx.insertOrganisation({ id: org.id, name: org.name, createdAt: iso });
    await putServerRecord(tx, 'organisations', org, null, at);
  }
  const rand = random(2026);
  const submissions: EntityWrite[] = [];
  for (const [index, sample] of SAMPLE_PROJECTS.entries()) {
    // One public document, uploaded by the supervisor who added it (media/projectDocuments.ts).
    const documents =
      sample.project.id === SAMPLE_DOCUMENT.projectId
        ? [
            {
              ...SAMPLE_DOCUMENT.document,
              sha256: await seedProjectDocument(
                tx,
                accounts.supervisor,
                sample.project.id,
                SAMPLE_DOCUMENT.bytes,
                SAMPLE_DOCUMENT.document.type,
                at,
              ),
            },
          ]
        : [];
    await publishProject(tx, { ...sample.project, focalPointId: accounts.focal.id, documents }, null, at);
    for (const user of accounts.members) await tx.addProjectMember(sample.project.id, user.id);
    if (sample.form.id !== DEMO_FORM.id)
      await publishFormVersion(
        tx,
        {
          formId: sample.form.id,
          version: sample.form.version,
          projectId: sample.project.id,
          publishedAt: iso,
          definition: sample.form,
        },
        null,
        at,
      );
    for (const indicator of sampleIndicators(sample, index)) {
      await putServerRecord(tx, 'indicators', indicator, accounts.supervisor.id, at);
      if (indicator.computation === null) await seedValues(tx, indicator.id, sample, accounts, at, rand);
    }
    const flows = sampleFlows(sample, index);
    for (const t of flows.transactions)
      await putServerRecord(tx, 'transactions', t, accounts.supervisor.id, at);
    for (const pd of flows.planned)
      await putServerRecord(tx, 'plannedDisbursements', pd, accounts.supervisor.id, at);
    const count = Math.round(SAMPLE_SUBMISSIONS / SAMPLE_PROJECTS.length);
    for (let i = 0; i < count; i++) submissions.push(household(sample, accounts.agent.id, at, rand));
  }
  for (const rate of SAMPLE_RATES)
    await putServerRecord(tx, 'exchangeRates', rate, accounts.supervisor.id, at);
  await tx.insertNewEntities(submissions);
}

/** Values reported by the focal point for the periods already over at `at`: most verified, some flagged. */
async function seedValues(
  tx: StorageTx,
  indicatorId: string,
  sample: SampleProject,
  accounts: SampleAccounts,
  at: Date,
  rand: () => number,
): Promise<void> {
  const today = at.toISOString().slice(0, 10);
  for (const [i, period] of PERIODS_2026.entries()) {
    if (period.end >= today) break;
    const flagged = rand() < 0.25;
    await putServerRecord(
      tx,
      'indicatorValues',
      {
        id: `${indicatorId}-${period.start}`,
        indicatorId,
        projectId: sample.project.id,
        periodStart: period.start,
        periodEnd: period.end,
        categories: {},
        value: indicatorId.endsWith('couverture')
          ? 35 + i * 5 + Math.round(rand() * 4)
          : Math.round(600 + rand() * 900),
        comment: 'Rapport bimestriel du partenaire',
        reviewStatus: flagged ? 'has_issues' : 'verified',
        reviewComment: flagged ? 'Chiffre à confirmer avec la liste des bénéficiaires' : '',
        deleted: false,
      },
      accounts.focal.id,
      at,
    );
  }
}

/** One household survey in one of the project's villages, on a day of 2026 up to the end of November. */
function household(sample: SampleProject, agentId: string, at: Date, rand: () => number): EntityWrite {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const village = pick(sample.villages);
  // Never after the seed's own day (a demo seeded in March has no survey from July).
  const first = Date.UTC(2026, 0, 5);
  const days = Math.max(1, Math.min(325, Math.floor((at.getTime() - first) / 86_400_000)));
  const day = new Date(first + Math.floor(rand() * days) * 86_400_000);
  const visit = day.toISOString().slice(0, 10);
  const started = new Date(day.getTime() + (8 + Math.floor(rand() * 8)) * 3_600_000);
  const finalized = new Date(started.getTime() + (10 + Math.floor(rand() * 30)) * 60_000);
  const sources = SOURCES.filter(() => rand() < 0.35);
  const data: Submission = {
    id: randomUUID(),
    formId: sample.form.id,
    formVersion: sample.form.version,
    projectId: sample.project.id,
    data: {
      respondent_name: `${pick(FIRST)} ${pick(LAST)}`,
      household_size: 2 + Math.floor(rand() * 12),
      head_sex: rand() < 0.42 ? 'female' : 'male',
      water_sources: sources.length > 0 ? sources : ['well'],
      visit_date: visit,
      location: {
        latitude: Math.round((village.lat + (rand() - 0.5) * 0.05) * 1e5) / 1e5,
        longitude: Math.round((village.lon + (rand() - 0.5) * 0.05) * 1e5) / 1e5,
      },
    },
    startedAt: started.toISOString(),
    finalizedAt: finalized.toISOString(),
    replaces: null,
    createdBy: agentId,
  };
  return {
    tbl: 'submissions',
    id: data.id,
    projectId: data.projectId,
    createdBy: agentId,
    data,
    hlc: encodeHlc({ wall: finalized.getTime(), counter: 0, node: 'seed' }),
    updatedAt: finalized.toISOString(),
  };
}
