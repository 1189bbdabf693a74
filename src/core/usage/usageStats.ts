/**
 * The use of the database, as a coordination body reports on it (issue 14, "Use of the database"): submissions
 * per week by project, form or agent; active users; time from submission to verification; share flagged.
 * Computed from what a supervisor's device holds (every submission and review of their projects: the pull's
 * scope), so the page works offline and shows only what its user may see.
 *
 * A correction is a new version of a submission (`replaces`): it is counted with its original, once, at the
 * original's week, and a review of any version counts for the original (the flag is on the version the
 * reviewer read, the correction answers it).
 */

export interface UsageSubmission {
  id: string;
  projectId: string;
  formId: string;
  createdBy: string;
  finalizedAt: string;
  replaces: string | null;
}

/** A review action on a submission (a review event), or a current review status without events. */
export interface UsageReview {
  submissionId: string;
  status: 'verified' | 'has_issues' | 'approved' | 'rejected' | null;
  /** When; null for a current review status known without its history (pulled from an older server). */
  at: string | null;
  by: string | null;
}

export type UsageGroup = 'project' | 'form' | 'agent';

export interface UsageRow {
  key: string;
  /** Per week of `weeks`, in order. */
  counts: number[];
  total: number;
}

export interface UsageStats {
  /** The Mondays (YYYY-MM-DD, UTC) of the weeks of the period, oldest first. */
  weeks: string[];
  rows: UsageRow[];
  /** Original submissions finalized in the period. */
  total: number;
  /** Accounts that finalized a submission or acted on a review in the period. */
  activeUsers: number;
  /** Of `total`: those verified (or approved), and the median time from finalizing to the first of it. */
  verified: number;
  medianVerifyMs: number | null;
  /** Of `total`: those a reviewer flagged (has issues) or rejected, at least once. */
  flagged: number;
}

const DAY_MS = 86_400_000;

/** The Monday (UTC) of the week of `iso`, as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00.000Z`);
  const offset = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - offset * DAY_MS).toISOString().slice(0, 10);
}

/** The `count` weeks ending with the week of `now`, oldest first. */
export function lastWeeks(now: Date, count: number): string[] {
  const last = Date.parse(`${weekOf(now.toISOString())}T00:00:00.000Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(last - (count - 1 - i) * 7 * DAY_MS).toISOString().slice(0, 10),
  );
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The original of each submission, following `replaces` (a cycle or a missing original stops there). */
function originals(submissions: readonly UsageSubmission[]): Map<string, UsageSubmission> {
  const byId = new Map(submissions.map((s) => [s.id, s]));
  const root = new Map<string, UsageSubmission>();
  for (const s of submissions) {
    let current = s;
    const seen = new Set<string>([s.id]);
    while (current.replaces !== null) {
      const previous = byId.get(current.replaces);
      if (!previous || seen.has(previous.id)) break;
      seen.add(previous.id);
      current = previous;
    }
    root.set(s.id, current);
  }
  return root;
}

export function usageStats(input: {
  submissions: readonly UsageSubmission[];
  reviews: readonly UsageReview[];
  weeks: readonly string[];
  groupBy: UsageGroup;
  /** Only this project's; all when absent. */
  projectId?: string;
}): UsageStats {
  const { weeks, groupBy, projectId } = input;
  const submissions = input.submissions.filter((s) => projectId === undefined || s.projectId === projectId);
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  // Weeks are consecutive: a date is in the period when its week is one of them.
  const inPeriod = (iso: string) => weekIndex.has(weekOf(iso));

  const root = originals(submissions);
  const counted = new Map<string, UsageSubmission>();
  for (const s of root.values()) if (inPeriod(s.finalizedAt)) counted.set(s.id, s);

  const rows = new Map<string, UsageRow>();
  const active = new Set<string>();
  for (const s of counted.values()) {
    const key = groupBy === 'project' ? s.projectId : groupBy === 'form' ? s.formId : s.createdBy;
    const row = rows.get(key) ?? { key, counts: weeks.map(() => 0), total: 0 };
    row.counts[weekIndex.get(weekOf(s.finalizedAt))!]! += 1;
    row.total += 1;
    rows.set(key, row);
  }
  for (const s of submissions) if (inPeriod(s.finalizedAt)) active.add(s.createdBy);

  const firstVerified = new Map<string, number>();
  const flagged = new Set<string>();
  for (const review of input.reviews) {
    const original = root.get(review.submissionId);
    if (!original) continue;
    if (review.at !== null && review.by !== null && inPeriod(review.at)) active.add(review.by);
    if (!counted.has(original.id)) continue;
    if (review.status === 'has_issues' || review.status === 'rejected') flagged.add(original.id);
    if ((review.status === 'verified' || review.status === 'approved') && review.at !== null) {
      const at = Date.parse(review.at);
      const before = firstVerified.get(original.id);
      if (before === undefined || at < before) firstVerified.set(original.id, at);
    }
  }
  const delays = [...firstVerified].map(([id, at]) =>
    Math.max(0, at - Date.parse(counted.get(id)!.finalizedAt)),
  );

  return {
    weeks: [...weeks],
    rows: [...rows.values()].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)),
    total: counted.size,
    activeUsers: active.size,
    verified: firstVerified.size,
    medianVerifyMs: median(delays),
    flagged: flagged.size,
  };
}
