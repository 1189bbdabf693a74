import type { FormDefinition } from '../../core/forms/definition';
import type { Indicator } from '../../core/records/indicator';
import { Organisation, type OrganisationInput } from '../../core/records/organisation';
import type { ProjectInput } from '../../core/records/project';
import { DEMO_FORM, DEMO_ORGANISATION, DEMO_PROJECT } from './demoForm';

/**
 * The coordination side of the demo (optional sample data): partner organisations, four projects in the
 * northern regions, their indicators for 2026 and manual values. Identifiers look like IATI's (UN agencies'
 * `XM-DAC-` codes are real; NGO registration numbers are illustrative). The reporting organisations give a
 * contact, which the IATI file writes as each activity's `contact-info`: people, addresses and telephone
 * numbers are made up, and so are the email domains (`.example.org`); the agencies' websites are theirs.
 */

const ORGANISATIONS: OrganisationInput[] = [
  {
    id: DEMO_ORGANISATION.id,
    name: DEMO_ORGANISATION.name,
    acronym: 'ADN',
    iatiId: 'ML-NIF-20260417ADN',
    type: '22',
    contactPerson: 'Fatoumata Maïga',
    contactJobTitle: 'Responsable suivi-évaluation',
    contactDepartment: 'Suivi-évaluation',
    contactEmail: 'suivi@adn-mali.example.org',
    contactTelephone: '+223 21 82 00 00',
    contactWebsite: 'https://adn-mali.example.org',
    contactAddress: 'BP 45, quartier Château, Gao, Mali',
    deleted: false,
  },
  {
    id: 'unicef',
    name: 'Fonds des Nations unies pour l’enfance',
    acronym: 'UNICEF',
    iatiId: 'XM-DAC-41122',
    type: '40',
    contactDepartment: 'Bureau de pays du Mali',
    contactEmail: 'bamako@unicef-mali.example.org',
    contactWebsite: 'https://www.unicef.org/mali/',
    deleted: false,
  },
  {
    id: 'pam',
    name: 'Programme alimentaire mondial',
    acronym: 'PAM',
    iatiId: 'XM-DAC-41140',
    type: '40',
    deleted: false,
  },
  {
    id: 'nrc',
    name: 'Norwegian Refugee Council',
    acronym: 'NRC',
    iatiId: 'NO-BRC-977538319',
    type: '21',
    contactDepartment: 'Bureau de pays du Mali',
    contactEmail: 'info.mali@nrc.example.org',
    contactWebsite: 'https://www.nrc.no/',
    deleted: false,
  },
  {
    id: 'acf',
    name: 'Action contre la Faim',
    acronym: 'ACF',
    iatiId: 'FR-RCS-326491558',
    type: '21',
    contactDepartment: 'Mission Mali',
    contactTelephone: '+223 20 29 00 00',
    contactWebsite: 'https://www.actioncontrelafaim.org/',
    contactAddress: 'Badalabougou, Bamako, Mali',
    deleted: false,
  },
  {
    id: 'amss',
    name: 'Association Malienne pour la Survie au Sahel',
    acronym: 'AMSS',
    iatiId: 'ML-MATCL-1992AMSS',
    type: '22',
    deleted: false,
  },
];

// Parsed: the contact fields left out take their defaults, and a wrong email or website fails at once.
export const SAMPLE_ORGANISATIONS: Organisation[] = ORGANISATIONS.map((o) => Organisation.parse(o));

/** A village of a project, where sample households are surveyed. */
export interface Village {
  name: string;
  lat: number;
  lon: number;
}

export interface SampleProject {
  project: ProjectInput;
  /** The household survey as published in this project (a form id is unique across projects). */
  form: FormDefinition;
  villages: Village[];
}

const formIn = (suffix: string): FormDefinition =>
  suffix === '' ? DEMO_FORM : { ...DEMO_FORM, id: `${DEMO_FORM.id}_${suffix}` };

const year2026 = { plannedStart: '2026-01-01', plannedEnd: '2026-12-31', actualStart: '2026-01-15' };
const budget = (value: number) => [
  { periodStart: '2026-01-01', periodEnd: '2026-12-31', value, currency: 'XOF', type: 'original' as const },
];

export const SAMPLE_PROJECTS: SampleProject[] = [
  {
    project: {
      ...DEMO_PROJECT,
      description: { fr: 'Distributions et appui aux ménages vulnérables du cercle de Gao.' },
      participatingOrgs: [
        { organisationId: 'pam', role: '1' },
        { organisationId: DEMO_ORGANISATION.id, role: '2' },
        { organisationId: 'amss', role: '4' },
      ],
      ...year2026,
      sectors: [
        { code: '72040', percentage: 70 },
        { code: '31161', percentage: 30 },
      ],
      locations: [
        { name: 'Gao', adm1: 'ML07', adm2: 'ML0701', adm3: null, point: { lat: 16.2717, lon: -0.0447 } },
      ],
      budgets: budget(450_000_000),
    },
    form: formIn(''),
    villages: [
      { name: 'Gao', lat: 16.2717, lon: -0.0447 },
      { name: 'Sonni Ali Ber', lat: 16.2, lon: -0.12 },
      { name: 'Gounzoureye', lat: 16.35, lon: 0.05 },
    ],
  },
  {
    project: {
      id: 'eau-tombouctou',
      code: 'XM-DAC-41122-ML-TBT-WASH-2026',
      title: { fr: 'Eau et assainissement à Tombouctou', en: 'Water and sanitation in Timbuktu' },
      organisationId: 'unicef',
      status: 'active',
      // Shown on the public map of aid (/public/), as `npm start` shows at once.
      public: true,
      participatingOrgs: [
        { organisationId: 'unicef', role: '1' },
        { organisationId: 'acf', role: '4' },
      ],
      ...year2026,
      sectors: [
        { code: '14030', percentage: 80 },
        { code: '12240', percentage: 20 },
      ],
      locations: [
        {
          name: 'Tombouctou',
          adm1: 'ML06',
          adm2: 'ML0601',
          adm3: null,
          point: { lat: 16.7666, lon: -3.0026 },
        },
      ],
      budgets: budget(320_000_000),
    },
    form: formIn('tbt'),
    villages: [
      { name: 'Tombouctou', lat: 16.7666, lon: -3.0026 },
      { name: 'Kabara', lat: 16.72, lon: -3.02 },
      { name: 'Bourem-Inaly', lat: 16.85, lon: -3.3 },
    ],
  },
  {
    project: {
      id: 'abris-menaka',
      code: 'NO-BRC-977538319-ML-MNK-2026',
      title: { fr: 'Abris et protection à Ménaka', en: 'Shelter and protection in Ménaka' },
      organisationId: 'nrc',
      status: 'active',
      // Shown on the public map of aid (/public/), as `npm start` shows at once.
      public: true,
      participatingOrgs: [
        { organisationId: 'nrc', role: '2' },
        { organisationId: 'amss', role: '4' },
      ],
      ...year2026,
      sectors: [
        { code: '72010', percentage: 60 },
        { code: '15220', percentage: 40 },
      ],
      locations: [
        { name: 'Ménaka', adm1: 'ML10', adm2: 'ML1001', adm3: null, point: { lat: 15.9182, lon: 2.4022 } },
      ],
      budgets: budget(275_000_000),
    },
    form: formIn('mnk'),
    villages: [
      { name: 'Ménaka', lat: 15.9182, lon: 2.4022 },
      { name: 'Anderamboukane', lat: 15.42, lon: 3.03 },
    ],
  },
  {
    project: {
      id: 'nutrition-kidal',
      code: 'FR-RCS-326491558-ML-KDL-NUT-2026',
      title: { fr: 'Nutrition communautaire à Kidal', en: 'Community nutrition in Kidal' },
      organisationId: 'acf',
      status: 'pipeline',
      participatingOrgs: [
        { organisationId: 'unicef', role: '1' },
        { organisationId: 'acf', role: '2' },
      ],
      plannedStart: '2026-03-01',
      plannedEnd: '2026-12-31',
      sectors: [{ code: '12240', percentage: 100 }],
      locations: [
        { name: 'Kidal', adm1: 'ML08', adm2: 'ML0801', adm3: null, point: { lat: 18.4411, lon: 1.4078 } },
      ],
      budgets: budget(180_000_000),
    },
    form: formIn('kdl'),
    villages: [
      { name: 'Kidal', lat: 18.4411, lon: 1.4078 },
      { name: 'Anéfis', lat: 17.95, lon: 0.45 },
    ],
  },
];

/** The six bimonthly reporting periods of 2026. */
export const PERIODS_2026 = [
  ['2026-01-01', '2026-02-28'],
  ['2026-03-01', '2026-04-30'],
  ['2026-05-01', '2026-06-30'],
  ['2026-07-01', '2026-08-31'],
  ['2026-09-01', '2026-10-31'],
  ['2026-11-01', '2026-12-31'],
].map(([start, end]) => ({ start: start!, end: end! }));

const targets = (values: number[]) => PERIODS_2026.map((period, i) => ({ period, value: values[i] ?? 0 }));

const sexOfHead = {
  name: 'head_sex',
  label: { fr: 'Sexe du chef de ménage', en: 'Sex of the head of household' },
  field: 'head_sex',
  categories: [
    { code: 'female', label: { fr: 'Femme', en: 'Female' } },
    { code: 'male', label: { fr: 'Homme', en: 'Male' } },
  ],
};

/** Three or four indicators per project: two computed from its household survey, the others reported. */
export function sampleIndicators(sample: SampleProject, index: number): Indicator[] {
  const projectId = sample.project.id;
  const base = {
    projectId,
    measure: 'unit' as const,
    direction: 'increase' as const,
    disaggregations: [],
    deleted: false,
  };
  const list: Indicator[] = [
    {
      ...base,
      id: `${projectId}-menages`,
      code: 'R1.1',
      title: { fr: 'Ménages enquêtés', en: 'Households surveyed' },
      unit: 'ménages',
      disaggregations: [sexOfHead],
      baseline: { year: 2025, value: 0 },
      targets: targets([10, 15, 15, 15, 15, 10]),
      computation: { formId: sample.form.id, aggregate: 'count', dateField: 'visit_date' },
    },
    {
      ...base,
      id: `${projectId}-taille`,
      code: 'R1.2',
      title: { fr: 'Taille moyenne des ménages', en: 'Average household size' },
      unit: 'personnes',
      direction: 'decrease',
      baseline: { year: 2025, value: 8 },
      targets: targets([8, 8, 7.5, 7.5, 7, 7]),
      computation: {
        formId: sample.form.id,
        aggregate: 'average',
        field: 'household_size',
        dateField: 'visit_date',
      },
    },
    {
      ...base,
      id: `${projectId}-beneficiaires`,
      code: 'R2.1',
      title: {
        fr: 'Personnes assistées (rapports des partenaires)',
        en: 'People assisted (partner reports)',
      },
      unit: 'personnes',
      baseline: { year: 2025, value: 1200 },
      targets: targets([800, 1200, 1500, 1500, 1200, 800]),
      computation: null,
    },
  ];
  if (index % 2 === 0)
    list.push({
      ...base,
      id: `${projectId}-couverture`,
      code: 'R2.2',
      title: { fr: 'Couverture des points d’eau fonctionnels', en: 'Functional water points coverage' },
      unit: '%',
      measure: 'percentage',
      baseline: { year: 2025, value: 35 },
      targets: targets([40, 45, 50, 55, 60, 65]),
      computation: null,
    });
  return list;
}
