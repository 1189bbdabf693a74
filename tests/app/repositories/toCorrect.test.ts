import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerrainDb } from '../../../src/app/db/TerrainDb';
import type { ReviewRecord } from '../../../src/app/db/schema';
import { applyPullPage } from '../../../src/app/sync/applyPullPage';
import { peopleById } from '../../../src/app/repositories/members';
import { countToCorrect, listToCorrect } from '../../../src/app/repositories/toCorrect';
import { USER_ID, openTestDb } from '../fixtures';
import { submissionAt } from './coordinationFixtures';

let db: TerrainDb;
beforeEach(async () => {
  db = await openTestDb();
});
afterEach(async () => {
  await db.delete();
});

function review(submissionId: string, status: ReviewRecord['status'], deleted = false): ReviewRecord {
  return {
    id: submissionId,
    submissionId,
    projectId: 'p-gao',
    status,
    comment: 'À revoir',
    fieldComments: {},
    reviewedBy: 'user-fp',
    deleted,
    server: {},
    clocks: {},
  };
}

/**
 * "À corriger": the user's own submissions a reviewer flagged or rejected, until a correction replaces them;
 * the header's count reads the same list by index.
 */
describe('submissions to correct', () => {
  it('lists the own flagged and rejected current versions, oldest first, and counts them', async () => {
    await db.submissions.bulkPut([
      submissionAt('s-flagged', '2024-04-01T08:00:00.000Z'),
      submissionAt('s-rejected', '2024-03-01T08:00:00.000Z'),
      submissionAt('s-verified', '2024-01-01T08:00:00.000Z'),
      submissionAt('s-withdrawn', '2024-01-02T08:00:00.000Z'),
      submissionAt('s-corrected', '2024-01-03T08:00:00.000Z', { versionState: 'superseded' }),
      submissionAt('s-colleague', '2024-01-04T08:00:00.000Z', { createdBy: 'user-other', origin: 'remote' }),
      submissionAt('s-unreviewed', '2024-01-05T08:00:00.000Z'),
    ]);
    await db.reviews.bulkPut([
      review('s-flagged', 'has_issues'),
      review('s-rejected', 'rejected'),
      review('s-verified', 'verified'),
      review('s-withdrawn', 'has_issues', true),
      review('s-corrected', 'has_issues'),
      review('s-colleague', 'has_issues'),
    ]);
    const items = await listToCorrect(db, USER_ID);
    expect(items.map((i) => i.submission.id)).toEqual(['s-rejected', 's-flagged']);
    expect(items[0]?.review.comment).toBe('À revoir');
    expect(await countToCorrect(db, USER_ID)).toBe(2);
    // Another user of the tablet has nothing to correct here.
    expect(await countToCorrect(db, 'user-other')).toBe(1);
  });

  it('counts nothing on a device without reviews', async () => {
    await db.submissions.put(submissionAt('s-1', '2024-01-01T08:00:00.000Z'));
    expect(await countToCorrect(db, USER_ID)).toBe(0);
    expect(await listToCorrect(db, USER_ID)).toEqual([]);
  });
});

describe('members pulled', () => {
  const member = (userId: string, displayName: string) => ({
    id: `p-gao:${userId}`,
    projectId: 'p-gao',
    userId,
    username: userId,
    displayName,
    role: 'focal_point',
  });

  it('stores the people of the projects and forgets a member whose membership ended', async () => {
    await applyPullPage(db, {
      changes: [
        {
          table: 'members',
          id: 'p-gao:u-1',
          serverSeq: 1,
          op: 'put',
          data: member('u-1', 'Fatoumata Cissé'),
        },
        { table: 'members', id: 'p-gao:u-2', serverSeq: 2, op: 'put', data: member('u-2', 'Ibrahim Touré') },
        // Not a member record: refused whole, never stored half-valid.
        { table: 'members', id: 'p-gao:u-3', serverSeq: 3, op: 'put', data: { id: 'p-gao:u-3' } },
      ],
      cursor: 3,
      hasMore: false,
    });
    const people = await peopleById(db);
    expect(people.get('u-1')).toEqual({
      userId: 'u-1',
      username: 'u-1',
      displayName: 'Fatoumata Cissé',
      role: 'focal_point',
    });
    expect(people.has('u-3')).toBe(false);

    await applyPullPage(db, {
      changes: [{ table: 'members', id: 'p-gao:u-2', serverSeq: 4, op: 'delete', data: null }],
      cursor: 4,
      hasMore: false,
    });
    expect([...(await peopleById(db)).keys()]).toEqual(['u-1']);
  });
});
