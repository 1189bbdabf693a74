import type { Question } from '../forms/definition';

/**
 * HXL hashtags (https://hxlstandard.org) for the columns of an export. The tag comes from, in order: the
 * caller's map (question name → tag), the form's own `hxl` column (as KoboToolbox reads it), else the
 * question's name and type: the names Terrain's and OCHA's forms use for places, partners and sectors.
 */
const BY_NAME: [RegExp, string][] = [
  [/(^|_)(adm1|admin1|region)(_|$)/i, '#adm1'],
  [/(^|_)(adm2|admin2|cercle|cercles|district|province)(_|$)/i, '#adm2'],
  [/(^|_)(adm3|admin3|commune|communes)(_|$)/i, '#adm3'],
  [/(^|_)(village|localite|locality|site|lieu|location)(_|$)/i, '#loc'],
  [/(^|_)(org|orga|organisation|organization|partner|partenaire|ong|ngo)(_|$)/i, '#org'],
  [/(^|_)(sector|secteur|cluster)(_|$)/i, '#sector'],
  [/(^|_)(activity|activite|activites|activities)(_|$)/i, '#activity'],
  [/(^|_)(indicator|indicateur)(_|$)/i, '#indicator'],
  [/(^|_)(beneficiaries|beneficiaires|reached|atteints)(_|$)/i, '#reached'],
  [/(^|_)(households|menages|hh)(_|$)/i, '#affected+hh'],
  [/(^|_)(date)(_|$)/i, '#date'],
];

/** Geopoints take four columns, as in ODK Central: their parts' tags. */
export const GEOPOINT_PARTS = ['Latitude', 'Longitude', 'Altitude', 'Accuracy'] as const;
export type GeopointPart = (typeof GEOPOINT_PARTS)[number];
/** The attribute each part adds to the point's tag (`#geo` unless the form names another). */
const GEOPOINT_ATTRIBUTES: Record<GeopointPart, string> = {
  Latitude: '+lat',
  Longitude: '+lon',
  Altitude: '+elevation',
  Accuracy: '+accuracy',
};

export function hxlTagOf(
  question: Question,
  part: GeopointPart | undefined,
  overrides: Readonly<Record<string, string>>,
): string {
  const given = overrides[question.name] ?? question.hxl;
  if (part) return (given || '#geo') + GEOPOINT_ATTRIBUTES[part];
  if (given !== undefined) return given;
  if (question.type === 'geotrace' || question.type === 'geoshape') return '#geo+coord';
  if (question.type === 'date' || question.type === 'dateTime') return '#date';
  return BY_NAME.find(([pattern]) => pattern.test(question.name))?.[1] ?? '';
}

/** Tags of the columns every table has (ODK Central's names). */
export const META_TAGS: Readonly<Record<string, string>> = {
  SubmissionDate: '#date+reported',
  KEY: '#meta+id',
  PARENT_KEY: '#meta+id+parent',
  SubmitterID: '#meta+submitter',
  SubmitterUsername: '#meta+submitter+username',
  SubmitterName: '#meta+submitter+name',
  FormVersion: '#meta+version',
};
