import { createHash } from 'node:crypto';
import { findInAnswers, foldText, mayHoldInJson, type AnswerHit } from '../../core/access/personSearch';
import { Submission } from '../../core/records/submission';
import type { StoredVersion, VersionStatus } from '../export/ExportReads';
import { HttpError } from '../http/errors';
import type { StorageOps } from '../storage/Storage';

/** A query must say this much once folded: two letters would match half a project. */
export const MIN_QUERY_LENGTH = 3;
/** Past this many matching versions the search stops and asks for a more precise value. */
export const MAX_MATCHES = 500;
const PAGE = 1000;

/** One stored version that holds the value, and where. */
export interface PersonMatch {
  id: string;
  rootId: string;
  status: VersionStatus;
  formId: string;
  formVersion: string;
  createdBy: string;
  finalizedAt: string;
  replaces: string | null;
  hits: AnswerHit[];
}

export interface PersonSearch {
  /** Versions read (every version of every submission of the project). */
  scanned: number;
  /** True when the search stopped at MAX_MATCHES: the value is too common to answer a request with. */
  truncated: boolean;
  matches: PersonMatch[];
}

/** The query folded as searches compare it, refused (400) when too short to name anyone. */
export function foldQuery(query: string): string {
  const folded = foldText(query);
  if (folded.replace(/ /g, '').length < MIN_QUERY_LENGTH)
    throw new HttpError(
      'validation',
      `Search for at least ${MIN_QUERY_LENGTH} letters or digits (a name, a phone or an identity number)`,
    );
  return folded;
}

/**
 * The audit log's trace of a query: the SHA-256 of its folded form, not the name itself (the log is kept for
 * years and read by operators). Whoever knows the name can check that it was searched; a common name can be
 * guessed back from it, so this is a pseudonym, not an anonymisation.
 */
export function queryDigest(folded: string): string {
  return createHash('sha256').update(folded).digest('hex');
}

/**
 * The submissions of the project, every version of them, in which some answer holds `folded`. Read a page at
 * a time in server_seq order; the stored JSON text of each is tested first (`mayHoldInJson`, which never misses
 * a match) and only those that may hold the value are parsed and searched answer by answer.
 *
 * Why not a SQL LIKE first: an answer stored as `Maïga` or `76 12 34 56` must be found by `maiga` or
 * `76123456`, and no portable LIKE pattern allows for accents and for separators between digits without
 * either missing such records or matching nearly every row (ids and dates are full of digits).
 */
export async function findPerson(
  storage: StorageOps,
  projectId: string,
  folded: string,
): Promise<PersonSearch> {
  const matches: PersonMatch[] = [];
  let scanned = 0;
  for (let after = 0; ;) {
    const page = await storage.exports.versionsPage(projectId, after, PAGE);
    for (const version of page) {
      scanned += 1;
      const match = matchOf(version, folded);
      if (!match) continue;
      if (matches.length === MAX_MATCHES) return { scanned, truncated: true, matches };
      matches.push(match);
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return { scanned, truncated: false, matches };
    after = last.seq;
  }
}

function matchOf(version: StoredVersion, folded: string): PersonMatch | null {
  if (!mayHoldInJson(version.json, folded)) return null;
  const parsed = parseVersion(version);
  if (!parsed) return null;
  const hits = findInAnswers(parsed.data, folded);
  if (hits.length === 0) return null;
  return {
    id: version.id,
    rootId: version.rootId,
    status: version.status,
    formId: parsed.formId,
    formVersion: parsed.formVersion,
    createdBy: parsed.createdBy,
    finalizedAt: parsed.finalizedAt,
    replaces: parsed.replaces,
    hits,
  };
}

/** A stored version as a submission; a record the current schema cannot read is skipped, as in exports. */
export function parseVersion(version: StoredVersion): Submission | null {
  let data: unknown;
  try {
    data = JSON.parse(version.json);
  } catch {
    return null;
  }
  const parsed = Submission.safeParse({
    ...(data as object),
    id: version.id,
    createdBy: version.createdBy ?? '',
  });
  return parsed.success ? parsed.data : null;
}
