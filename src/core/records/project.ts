import { z } from 'zod/mini';
import { LocalizedText } from '../i18n/localized';
import { CurrencyCode, DacSectorCode, IsoDate, OrganisationRole, ProjectStatus } from './iatiCodes';

const RecordId = z.string().check(z.minLength(1), z.maxLength(100));

/** An organisation taking part in a project, in an IATI role (funding, accountable, extending, implementing). */
export const ParticipatingOrg = z.object({ organisationId: RecordId, role: OrganisationRole });
export type ParticipatingOrg = z.infer<typeof ParticipatingOrg>;

/** A share of the project in one DAC sector; a project's percentages add up to 100 (IATI's rule). */
export const ProjectSector = z.object({
  code: DacSectorCode,
  percentage: z.number().check(z.gte(0), z.lte(100)),
});
export type ProjectSector = z.infer<typeof ProjectSector>;

/** A WGS 84 point. */
export const GeoPoint = z.object({
  lat: z.number().check(z.gte(-90), z.lte(90)),
  lon: z.number().check(z.gte(-180), z.lte(180)),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/**
 * Where a project works: administrative area codes (region / cercle / commune, as the national
 * nomenclature writes them, e.g. Mali's `ML07` Gao, `ML0701` cercle of Gao) and/or a point.
 */
export const ProjectLocation = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(300)),
  adm1: z.nullable(z.string().check(z.maxLength(20))),
  adm2: z.nullable(z.string().check(z.maxLength(20))),
  adm3: z.nullable(z.string().check(z.maxLength(20))),
  point: z.nullable(GeoPoint),
});
export type ProjectLocation = z.infer<typeof ProjectLocation>;

/** A budget line: an amount for a period (IATI `budget`, type 1 original or 2 revised). */
export const BudgetLine = z.object({
  periodStart: IsoDate,
  periodEnd: IsoDate,
  value: z.number().check(z.gte(0)),
  currency: CurrencyCode,
  type: z.enum(['original', 'revised']),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

/**
 * IATI's DocumentCategory codes (codelist version 2.03): A for an activity's documents, B for an
 * organisation's. A project's document is most often its objectives and scope, hence the default.
 */
export const DOCUMENT_CATEGORIES = [
  'A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10', 'A11', 'A12',
  'B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10', 'B11', 'B12',
  'B13', 'B14', 'B15', 'B16', 'B17', 'B18',
] as const; // prettier-ignore
export const DocumentCategory = z.enum(DOCUMENT_CATEGORIES);
export type DocumentCategory = z.infer<typeof DocumentCategory>;
export const DEFAULT_DOCUMENT_CATEGORY: DocumentCategory = 'A02';

/** The languages a document may be written in (the app's). */
export const DOCUMENT_LANGUAGES = ['fr', 'en'] as const;

/**
 * A document of the project, stored as a media blob named by its SHA-256 (like a photo answer). The fields
 * after `type` came later and have defaults, so documents stored before still read.
 *
 * `public`: served on the public site and linked from the IATI file when the project is public too. Only
 * admins set it (the projects rule in src/core/sync/mergeTables.ts); the server serves the bytes only when
 * whoever added the document uploaded them (src/server/media/access.ts): naming a hash publishes nothing.
 */
export const ProjectDocument = z.object({
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  title: z.string().check(z.minLength(1), z.maxLength(300)),
  name: z.string().check(z.maxLength(255)),
  type: z.string().check(z.maxLength(255)),
  public: z._default(z.boolean(), false),
  category: z._default(DocumentCategory, DEFAULT_DOCUMENT_CATEGORY),
  language: z._default(z.nullable(z.enum(DOCUMENT_LANGUAGES)), null),
  date: z._default(z.nullable(IsoDate), null),
});
export type ProjectDocument = z.infer<typeof ProjectDocument>;
export type ProjectDocumentInput = z.input<typeof ProjectDocument>;

/**
 * Why `role` may not write these documents over `stored` (null when it may): making a document public is
 * the coordination body's decision, like making the project public. A supervisor's write may carry each
 * flag unchanged, add private documents and remove any.
 */
export function documentsRefusal(isAdmin: boolean, written: unknown, stored: unknown): string | null {
  if (isAdmin || !Array.isArray(written)) return null;
  const wasPublic = new Set<string>();
  if (Array.isArray(stored))
    for (const d of stored as { sha256?: unknown; public?: unknown }[])
      if (d && d.public === true && typeof d.sha256 === 'string') wasPublic.add(d.sha256);
  for (const d of written as { sha256?: unknown; public?: unknown }[])
    if (d && d.public === true && !wasPublic.has(String(d.sha256)))
      return 'Only admins make a project document public';
  return null;
}

/**
 * A project as devices receive it: an IATI activity in all but name. Every field added after the first
 * release has a default, so a project stored by an older server still reads.
 */
export const Project = z.object({
  id: RecordId,
  /** The IATI activity identifier (`ML-NIF-123456-SNG-01`) or, before it has one, the local code. */
  code: z.string().check(z.minLength(1), z.maxLength(200)),
  title: LocalizedText,
  description: z.optional(LocalizedText),
  /** The reporting organisation. */
  organisationId: z.nullable(z.string()),
  /** Free text of the first release; `locations` holds the structured places. */
  location: z.optional(z.string().check(z.maxLength(500))),
  status: z._default(ProjectStatus, 'active'),
  participatingOrgs: z._default(z.array(ParticipatingOrg), []),
  plannedStart: z._default(z.nullable(IsoDate), null),
  plannedEnd: z._default(z.nullable(IsoDate), null),
  actualStart: z._default(z.nullable(IsoDate), null),
  actualEnd: z._default(z.nullable(IsoDate), null),
  sectors: z._default(z.array(ProjectSector), []),
  locations: z._default(z.array(ProjectLocation), []),
  budgets: z._default(z.array(BudgetLine), []),
  /** The user who is the project's focal point. */
  focalPointId: z._default(z.nullable(z.string()), null),
  documents: z._default(z.array(ProjectDocument), []),
  /**
   * Shown on the public site (`/public/`, src/core/public/publicProject.ts says what of it) and in its IATI
   * file. Only admins change it.
   */
  public: z._default(z.boolean(), false),
  deleted: z._default(z.boolean(), false),
});
export type Project = z.infer<typeof Project>;

/** What a project is written from: the fields with defaults may be left out. */
export type ProjectInput = z.input<typeof Project>;

/**
 * Whether a project names an organisation: as its reporting organisation or a participating one. Nothing
 * else refers to the coordination organisations; a deleted project names none. Who may change or delete an
 * organisation follows from it (src/server/sync/organisationUse.ts, and the device's organisation pages).
 */
export function projectNamesOrganisation(
  project: Readonly<Record<string, unknown>>,
  organisationId: string,
): boolean {
  if (project.deleted === true) return false;
  if (project.organisationId === organisationId) return true;
  const participating: unknown[] = Array.isArray(project.participatingOrgs) ? project.participatingOrgs : [];
  return participating.some(
    (o) =>
      typeof o === 'object' &&
      o !== null &&
      (o as { organisationId?: unknown }).organisationId === organisationId,
  );
}
