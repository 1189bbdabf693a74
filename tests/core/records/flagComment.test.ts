import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lacksFlagComment } from '../../../src/core/records/flagComment';
import { REVIEW_STATUSES } from '../../../src/core/records/review';

/** Flagging issues needs a comment, on the submission or on a question (the form and the server check it). */
describe('lacksFlagComment', () => {
  it('refuses a flag with no comment anywhere, whatever blank text it holds', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\s*$/),
        fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^\s*$/)),
        (comment, fieldComments) => {
          expect(lacksFlagComment('has_issues', comment, fieldComments)).toBe(true);
        },
      ),
    );
  });

  it('accepts a flag with a comment on the submission or on any question', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => s.trim() !== ''),
        fc.boolean(),
        (text, onQuestion) => {
          const ok = onQuestion
            ? lacksFlagComment('has_issues', '', { age: text })
            : lacksFlagComment('has_issues', text, {});
          expect(ok).toBe(false);
        },
      ),
    );
  });

  it('asks nothing of the other statuses', () => {
    for (const status of [null, undefined, ...REVIEW_STATUSES.filter((s) => s !== 'has_issues')])
      expect(lacksFlagComment(status, '', {})).toBe(false);
  });
});
