import { isDecision, leastRoleToMove, mayMoveReview, type ReviewState } from '../records/reviewTransitions';
import { FLAG_COMMENT_MESSAGE, lacksFlagComment } from '../records/flagComment';
import { hasRole, type Role } from '../records/user';

/**
 * The server's rules for review writes (reviews, indicator values' review fields, review events), read from
 * the state machine in src/core/records/reviewTransitions.ts and checked against the record as it stands on
 * the server when the change arrives (`current`, see MergeTableSpec.refuse).
 */

/** The tombstone field (mergeTables.ts's DELETED, which imports this file). */
const DELETED_FIELD = 'deleted';

const WHO: Record<Role, string> = {
  agent: 'Everyone',
  focal_point: 'Only focal points, supervisors and admins',
  supervisor: 'Only supervisors and admins',
  admin: 'Only admins',
};

/** What one write does to a review: the status it moves to (undefined: left as it is), and its verdict. */
export interface ReviewMove {
  to: ReviewState | undefined;
  /** It changes the verdict's comment (`comment`, `reviewComment`). */
  verdict: boolean;
}

/**
 * Why `role` may not make `move` on a review that is in `from`, or null. `what` names the reviewed thing in
 * messages: "a submission", "an indicator value", or '' for a history event.
 */
export function reviewMoveRefusal(
  role: Role,
  from: ReviewState,
  move: ReviewMove,
  what: string,
): string | null {
  const { to } = move;
  if (to !== undefined && !mayMoveReview(role, from, to)) {
    const who = WHO[leastRoleToMove(from, to)];
    if (isDecision(from)) return `${who} reopen or change a review that is ${from}`;
    return `${who} approve or reject${what ? ` ${what}` : ''}`;
  }
  if (move.verdict && !mayMoveReview(role, from, from))
    return `${WHO[leastRoleToMove(from, from)]} change the comment of a review that is ${from ?? 'not set'}`;
  return null;
}

/** A record's review state as the rule reads it: a withdrawn (deleted) record has no review. */
export function storedState(
  current: Readonly<Record<string, unknown>> | null | undefined,
  field: string,
): ReviewState {
  if (!current || current[DELETED_FIELD] === true) return null;
  return (current[field] as ReviewState | undefined) ?? null;
}

/**
 * The move a write of a record's review makes: the status it sets, or, when it brings a withdrawn record
 * back without setting one, the status the record had (bringing back an approved review approves it again).
 */
export function moveOf(
  values: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>> | null | undefined,
  fields: { status: string; comment: string },
): ReviewMove {
  const verdict = fields.comment in values;
  if (fields.status in values) return { to: (values[fields.status] as ReviewState) ?? null, verdict };
  const revived = current?.[DELETED_FIELD] === true && values[DELETED_FIELD] === false;
  return { to: revived ? ((current[fields.status] as ReviewState | undefined) ?? null) : undefined, verdict };
}

/** The rule of a submission's review (`reviews`). */
export function refuseReview(
  role: Role,
  values: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>> | null | undefined,
): string | null {
  if (!hasRole(role, 'focal_point')) return 'Only focal points, supervisors and admins review submissions';
  if (values[DELETED_FIELD] === true && !hasRole(role, 'supervisor'))
    return 'Only supervisors and admins withdraw a review';
  const move = moveOf(values, current, { status: 'status', comment: 'comment' });
  const refusal = reviewMoveRefusal(role, storedState(current, 'status'), move, 'a submission');
  if (refusal) return refusal;
  // Flagging needs a comment, as the review will stand after this write. `current` undefined is the conflict
  // log's restore of one lost field, whose record was checked when it was written.
  if (current !== undefined && lacksFlagComment(...afterWrite(values, current))) return FLAG_COMMENT_MESSAGE;
  return null;
}

/** A review's status, comment and question comments once `values` (flat paths) are laid over `current`. */
function afterWrite(
  values: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>> | null,
): [ReviewState | undefined, string | undefined, Record<string, string | undefined>] {
  const base = current && current[DELETED_FIELD] !== true ? current : null;
  const status = ('status' in values ? values.status : base?.status) as ReviewState | undefined;
  const comment = ('comment' in values ? values.comment : base?.comment) as string | undefined;
  const fieldComments: Record<string, string | undefined> = {
    ...((base?.fieldComments as Record<string, string> | undefined) ?? {}),
  };
  for (const [path, value] of Object.entries(values))
    if (path.startsWith('fieldComments.'))
      fieldComments[path.slice('fieldComments.'.length)] = (value as string | null) ?? undefined;
  return [status, comment, fieldComments];
}

/** Fields of an indicator value that its approval covers (its review fields apart). */
const VALUE_DATA = ['value', 'comment'];

/** The rule of an indicator value: entered by focal points and above, reviewed as a submission is. */
export function refuseIndicatorValue(
  role: Role,
  values: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>> | null | undefined,
): string | null {
  if (!hasRole(role, 'focal_point'))
    return 'Only focal points, supervisors and admins enter indicator values';
  const from = storedState(current, 'reviewStatus');
  const move = moveOf(values, current, { status: 'reviewStatus', comment: 'reviewComment' });
  const refusal = reviewMoveRefusal(role, from, move, 'an indicator value');
  if (refusal) return refusal;
  // An approved figure is locked until a supervisor reopens it (reviewTransitions.ts, dataLocked).
  const touchesData = VALUE_DATA.some((name) => name in values) || values[DELETED_FIELD] === true;
  if (touchesData && from === 'approved' && !mayMoveReview(role, from, from))
    return `${WHO[leastRoleToMove(from, from)]} change or delete an approved indicator value (or reopen it first)`;
  return null;
}

/**
 * The rule of a review event, against the review it records as it stands now (after the batch's earlier
 * changes: the device pushes the review change, then its event). An event's status null means "left as it
 * was", its comment null "not changed"; question comments are open to every reviewer.
 */
export function refuseReviewEvent(
  role: Role,
  values: Readonly<Record<string, unknown>>,
  reviewState: ReviewState,
): string | null {
  const status = values.status as ReviewState | undefined;
  const move: ReviewMove = {
    to: status ?? undefined,
    verdict: values.comment !== undefined && values.comment !== null,
  };
  return reviewMoveRefusal(role, reviewState, move, '');
}
