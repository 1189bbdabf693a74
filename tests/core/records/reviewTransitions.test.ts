import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REVIEW_STATUSES } from '../../../src/core/records/review';
import {
  dataLocked,
  mayMoveReview,
  REVIEW_TRANSITIONS,
  reviewMoves,
  type ReviewState,
} from '../../../src/core/records/reviewTransitions';
import { hasRole, ROLES, type Role } from '../../../src/core/records/user';
import { refuseIndicatorValue, refuseReview, refuseReviewEvent } from '../../../src/core/sync/reviewRules';

/**
 * The review state machine, every from × to × role, against the rules as the issue states them (written
 * here again, apart from the table): focal points verify or flag and never decide; a decision (approved,
 * rejected) is made, changed and reopened by supervisors and admins only; agents never review.
 */

const STATES: ReviewState[] = [null, ...REVIEW_STATUSES];
const decided = (s: ReviewState) => s === 'approved' || s === 'rejected';

function expected(role: Role, from: ReviewState, to: ReviewState): boolean {
  if (role === 'agent') return false;
  if (decided(from) || decided(to)) return role === 'supervisor' || role === 'admin';
  return true;
}

describe('the review state machine', () => {
  const cases = ROLES.flatMap((role) =>
    STATES.flatMap((from) => STATES.map((to) => ({ role, from, to, allowed: expected(role, from, to) }))),
  );

  it('has a row and a column for every status', () => {
    const keys = ['none', ...REVIEW_STATUSES].sort();
    expect(Object.keys(REVIEW_TRANSITIONS).sort()).toEqual(keys);
    for (const row of Object.values(REVIEW_TRANSITIONS)) expect(Object.keys(row).sort()).toEqual(keys);
  });

  it.each(cases)('$role: $from → $to is allowed: $allowed', ({ role, from, to, allowed }) => {
    expect(mayMoveReview(role, from, to)).toBe(allowed);
    expect(reviewMoves(role, from).includes(to)).toBe(allowed && from !== to);
  });

  it('lets a supervisor reopen every decision, and never a focal point', () => {
    for (const from of ['approved', 'rejected'] as const) {
      expect(reviewMoves('supervisor', from)).toEqual(STATES.filter((s) => s !== from));
      expect(reviewMoves('focal_point', from)).toEqual([]);
    }
    expect(reviewMoves('focal_point', 'verified')).toEqual([null, 'has_issues']);
  });

  it('grows with the role: whatever a role may do, every higher role may', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom(...ROLES),
        fc.constantFrom(...STATES),
        fc.constantFrom(...STATES),
        (a, b, from, to) => {
          if (hasRole(b, a) && mayMoveReview(a, from, to)) expect(mayMoveReview(b, from, to)).toBe(true);
        },
      ),
    );
  });

  it('locks an approved figure for focal points only, and a rejected one for nobody', () => {
    expect(dataLocked('focal_point', 'approved')).toBe(true);
    expect(dataLocked('supervisor', 'approved')).toBe(false);
    expect(dataLocked('focal_point', 'rejected')).toBe(false);
    expect(dataLocked('focal_point', null)).toBe(false);
  });
});

describe('the server’s review rules', () => {
  const review = (status: ReviewState, deleted = false) => ({ status, comment: 'c', deleted });

  it('checks a review write against the stored status', () => {
    expect(refuseReview('focal_point', { status: 'verified', deleted: false }, review('approved'))).toBe(
      'Only supervisors and admins reopen or change a review that is approved',
    );
    expect(refuseReview('focal_point', { status: 'approved', deleted: false }, null)).toBe(
      'Only supervisors and admins approve or reject a submission',
    );
    expect(refuseReview('focal_point', { comment: 'x', deleted: false }, review('rejected'))).toBe(
      'Only supervisors and admins change the comment of a review that is rejected',
    );
    expect(
      refuseReview('focal_point', { 'fieldComments.age': 'x', deleted: false }, review('approved')),
    ).toBe(null);
    expect(refuseReview('supervisor', { status: null, deleted: false }, review('approved'))).toBe(null);
    expect(refuseReview('agent', { comment: 'x', deleted: false }, null)).toBe(
      'Only focal points, supervisors and admins review submissions',
    );
    // A withdrawn review has no status; bringing it back brings its status back.
    expect(
      refuseReview('focal_point', { status: 'verified', deleted: false }, review('approved', true)),
    ).toBe(null);
    expect(refuseReview('focal_point', { comment: 'x', deleted: false }, review('approved', true))).not.toBe(
      null,
    );
    expect(refuseReview('focal_point', { deleted: true }, review('verified'))).toBe(
      'Only supervisors and admins withdraw a review',
    );
  });

  it('locks an approved indicator value for focal points, its figure included', () => {
    const stored = { value: 4, comment: '', reviewStatus: 'approved', reviewComment: '', deleted: false };
    for (const values of [{ value: 5 }, { comment: 'x' }, { deleted: true }, { reviewStatus: null }])
      expect(refuseIndicatorValue('focal_point', { deleted: false, ...values }, stored)).not.toBe(null);
    expect(refuseIndicatorValue('supervisor', { value: 5, deleted: false }, stored)).toBe(null);
    const rejected = { ...stored, reviewStatus: 'rejected' };
    expect(refuseIndicatorValue('focal_point', { value: 5, deleted: false }, rejected)).toBe(null);
    expect(
      refuseIndicatorValue('focal_point', { reviewStatus: 'verified', deleted: false }, rejected),
    ).not.toBe(null);
  });

  it('reads an event as a move from the review’s status: null status and comment change nothing', () => {
    expect(refuseReviewEvent('focal_point', { status: 'verified', comment: null }, 'approved')).not.toBe(
      null,
    );
    expect(refuseReviewEvent('focal_point', { status: null, comment: null }, 'approved')).toBe(null);
    expect(refuseReviewEvent('focal_point', { comment: 'x' }, 'approved')).not.toBe(null);
    expect(refuseReviewEvent('focal_point', { status: 'verified' }, 'verified')).toBe(null);
    expect(refuseReviewEvent('supervisor', { status: 'approved' }, 'approved')).toBe(null);
  });

  it('keeps a decision through any sequence of writes until a supervisor’s write moves it', () => {
    const write = fc.record({
      role: fc.constantFrom(...ROLES),
      status: fc.option(fc.constantFrom(...STATES), { nil: undefined }),
      comment: fc.boolean(),
      delete: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<ReviewState>('approved', 'rejected'),
        fc.array(write, { maxLength: 12 }),
        (start, writes) => {
          let current = review(start);
          for (const w of writes) {
            const values: Record<string, unknown> = w.delete ? { deleted: true } : { deleted: false };
            if (!w.delete && w.status !== undefined) values.status = w.status;
            if (!w.delete && w.comment) values.comment = 'changed';
            const refused = refuseReview(w.role, values, current);
            // What a focal point may still write on a decided review touches neither status nor verdict.
            if (refused === null && !hasRole(w.role, 'supervisor'))
              expect(Object.keys(values)).toEqual(['deleted']);
            if (refused !== null) continue;
            // A supervisor's write is the only one applied: past it, the review is theirs to have moved.
            if (hasRole(w.role, 'supervisor')) return;
            current = { ...current, ...values };
          }
          expect(current.status).toBe(start);
        },
      ),
    );
  });
});
