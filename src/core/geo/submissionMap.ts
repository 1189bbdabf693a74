import type { FormItem } from '../forms/definition';
import type { ReviewStatus } from '../records/review';
import { matchesStatus, type StatusFilter } from '../table/dataTable';
import { answerFeatures, type AnswerFeature } from './answerFeatures';

/**
 * A form's submissions on a map (focal points, supervisors and admins, issue 15): which submissions a
 * filter keeps, and their geo answers as GeoJSON features coloured by review status. Pure, so the map page
 * runs it over what the device holds and tests run it alone.
 */

/** A submission as the map reads it: who sent it, when, its answers and its review status. */
export interface MapSubmission {
  id: string;
  createdBy: string;
  /** ISO date-time. */
  finalizedAt: string;
  /** The day it was finalized where the reader is (`YYYY-MM-DD`); by default its UTC day. */
  day?: string;
  data: Readonly<Record<string, unknown>>;
  status: ReviewStatus | null;
}

export interface MapFilter {
  /** First day kept (`YYYY-MM-DD`, as the date input gives it), or '' for no start. */
  from: string;
  /** Last day kept (inclusive), or ''. */
  to: string;
  /** The sender's account id, or '' for everyone. */
  agent: string;
  status: StatusFilter;
}

export const NO_MAP_FILTER: MapFilter = { from: '', to: '', agent: '', status: 'all' };

/** True when the submission passes every part of the filter (dates compare by day, `day` or the UTC one). */
export function matchesMapFilter(submission: MapSubmission, filter: MapFilter): boolean {
  const day = submission.day ?? submission.finalizedAt.slice(0, 10);
  if (filter.from && day < filter.from) return false;
  if (filter.to && day > filter.to) return false;
  if (filter.agent && submission.createdBy !== filter.agent) return false;
  return matchesStatus(submission.status, filter.status);
}

/** A status as the map names it: `none` for not reviewed yet. */
export type MapStatus = ReviewStatus | 'none';
export const MAP_STATUSES: readonly MapStatus[] = ['none', 'verified', 'has_issues', 'approved', 'rejected'];

/**
 * One colour per review status, told apart by people with the common colour blindnesses (blue, orange,
 * bluish green, vermilion and grey, from Okabe and Ito's palette, darkened for contrast on the light
 * basemap). The page's legend names each status in words too: colour is never the only sign.
 */
export const STATUS_COLOURS: Readonly<Record<MapStatus, string>> = {
  none: '#5f5f5f',
  verified: '#0060a8',
  has_issues: '#b35c00',
  approved: '#00745a',
  rejected: '#b02a00',
};

export function mapStatus(status: ReviewStatus | null): MapStatus {
  return status ?? 'none';
}

export interface SubmissionFeature extends Omit<AnswerFeature, 'properties'> {
  properties: AnswerFeature['properties'] & { submission: string; status: MapStatus; colour: string };
}

export interface SubmissionsOnMap {
  /** Every geo answer of the kept submissions, each tagged with its submission, status and colour. */
  features: SubmissionFeature[];
  /** The kept submissions that have at least one geo answer, in the order given. */
  located: MapSubmission[];
  /** How many submissions the filter kept (with or without a geo answer). */
  matching: number;
}

/** The submissions the filter keeps, and their geo answers (read with the form's `items`) as features. */
export function submissionsOnMap(
  items: readonly FormItem[],
  submissions: readonly MapSubmission[],
  filter: MapFilter,
): SubmissionsOnMap {
  const features: SubmissionFeature[] = [];
  const located: MapSubmission[] = [];
  let matching = 0;
  for (const submission of submissions) {
    if (!matchesMapFilter(submission, filter)) continue;
    matching += 1;
    const status = mapStatus(submission.status);
    const own = answerFeatures(items, submission.data);
    if (!own.length) continue;
    located.push(submission);
    for (const feature of own)
      features.push({
        ...feature,
        properties: {
          ...feature.properties,
          submission: submission.id,
          status,
          colour: STATUS_COLOURS[status],
        },
      });
  }
  return { features, located, matching };
}

const GEO_TYPES: readonly string[] = ['geopoint', 'geotrace', 'geoshape'];

/** True when the form asks for a place (a geopoint, geotrace or geoshape, in groups and repeats too). */
export function hasGeoQuestion(items: readonly FormItem[]): boolean {
  return items.some((item) =>
    item.kind === 'question' ? GEO_TYPES.includes(item.type) : hasGeoQuestion(item.items),
  );
}

/** The distinct senders of the submissions, in the order first met (the agent filter's choices). */
export function senders(submissions: readonly MapSubmission[]): string[] {
  return [...new Set(submissions.map((s) => s.createdBy))];
}
