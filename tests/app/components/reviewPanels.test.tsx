import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { IndicatorReviewForm } from '../../../src/app/components/IndicatorReviewForm';
import { reviewActions } from '../../../src/app/components/reviewActions';
import { ReviewView } from '../../../src/app/components/ReviewPanel';
import type { ReviewRecord } from '../../../src/app/db/schema';
import { I18nContext } from '../../../src/app/i18n/context';
import { loadDictionary, translator } from '../../../src/app/i18n/translate';
import { AppContext, type AppValue, type UserConnection } from '../../../src/app/state/appContext';
import type { ReviewStatus } from '../../../src/core/records/review';
import type { ReviewState } from '../../../src/core/records/reviewTransitions';
import type { Role } from '../../../src/core/records/user';
import { valueOf } from '../repositories/coordinationFixtures';

/**
 * The review panels offer only the moves the state machine (src/core/records/reviewTransitions.ts) allows
 * the user from the status shown: a focal point on an approved or rejected review gets nothing to press, a
 * supervisor every status and Reopen.
 */

const ALL: ReviewStatus[] = ['verified', 'has_issues', 'approved', 'rejected'];

describe('review actions', () => {
  const cases: [Role, ReviewState, ReviewStatus[], boolean][] = [
    ['agent', null, [], false],
    ['agent', 'approved', [], false],
    ['focal_point', null, ['verified', 'has_issues'], false],
    ['focal_point', 'verified', ['verified', 'has_issues'], false],
    ['focal_point', 'has_issues', ['verified', 'has_issues'], false],
    ['focal_point', 'approved', [], false],
    ['focal_point', 'rejected', [], false],
    ['supervisor', null, ALL, false],
    ['supervisor', 'verified', ALL, false],
    ['supervisor', 'approved', ALL, true],
    ['supervisor', 'rejected', ALL, true],
    ['admin', 'rejected', ALL, true],
  ];
  it.each(cases)('%s on %s: %j, reopen %s', (role, current, statuses, reopen) => {
    const actions = reviewActions(role, current);
    expect(actions.statuses).toEqual(statuses);
    expect(actions.reopen).toBe(reopen);
    expect(actions.any).toBe(statuses.length > 0);
  });
});

function review(status: ReviewStatus | null, comment = 'Conforme'): ReviewRecord {
  return {
    id: 's-1',
    submissionId: 's-1',
    projectId: 'p-gao',
    status,
    comment,
    fieldComments: {},
    reviewedBy: 'u-sup',
    deleted: false,
    server: {},
    clocks: {},
  };
}

const save = () => Promise.resolve();

function html(node: React.ReactNode, role: Role = 'focal_point'): string {
  const i18n = { lang: 'fr' as const, setLang: () => undefined, t: translator('fr') };
  const app: AppValue = {
    status: 'signedIn',
    session: {
      token: 't',
      expiresAt: '2027-01-01T00:00:00.000Z',
      user: { id: 'u-1', username: 'u', displayName: 'U', role, organisationId: null },
    },
    connection: { userId: 'u-1' } as UserConnection,
    notice: null,
    signIn: () => Promise.resolve(),
    unlock: () => Promise.resolve(),
    lock: () => undefined,
    signOut: () => Promise.resolve(),
    removeMyData: () => Promise.resolve(false),
  };
  return renderToStaticMarkup(
    <AppContext value={app}>
      <I18nContext value={i18n}>{node}</I18nContext>
    </AppContext>,
  );
}

const buttons = (markup: string) => [...markup.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);

describe('the review panel of a submission', () => {
  beforeAll(() => loadDictionary('fr'));

  it('shows a focal point an approved review read only, with no button and no comment box', () => {
    const markup = html(<ReviewView review={review('approved')} role="focal_point" onSave={save} />);
    expect(buttons(markup)).toEqual([]);
    expect(markup).not.toContain('<textarea');
    expect(markup).toContain('Conforme');
    expect(markup).toContain('seul un superviseur peut la changer ou rouvrir la revue');
  });

  it('offers a focal point verified and has issues on a review not decided yet', () => {
    const markup = html(<ReviewView review={review('verified')} role="focal_point" onSave={save} />);
    expect(buttons(markup)).toEqual(['Vérifiée', 'Problèmes signalés']);
    expect(markup).toContain('aria-pressed="true"');
    expect(markup).toContain('<textarea');
  });

  it('offers a supervisor every status and Reopen on a decision', () => {
    const markup = html(<ReviewView review={review('rejected')} role="supervisor" onSave={save} />);
    expect(buttons(markup)).toEqual(['Vérifiée', 'Problèmes signalés', 'Approuvée', 'Rejetée', 'Rouvrir']);
    expect(buttons(html(<ReviewView review={null} role="supervisor" onSave={save} />))).toEqual([
      'Vérifiée',
      'Problèmes signalés',
      'Approuvée',
      'Rejetée',
    ]);
  });

  it('offers an agent nothing', () => {
    const markup = html(<ReviewView review={review('has_issues')} role="agent" onSave={save} />);
    expect(buttons(markup)).toEqual([]);
    expect(markup).not.toContain('<textarea');
  });
});

describe('the review form of an indicator value', () => {
  beforeAll(() => loadDictionary('fr'));

  const options = (markup: string) => [...markup.matchAll(/<option value="([^"]*)"[^>]*>/g)].map((m) => m[1]);
  const form = (status: ReviewStatus | null, role: Role) =>
    html(
      <IndicatorReviewForm
        value={valueOf('2024-01-01', '2024-06-30', 250, { reviewStatus: status })}
        onDone={() => undefined}
      />,
      role,
    );

  it('offers a focal point the statuses they may move to, and “not verified” only before any', () => {
    expect(options(form(null, 'focal_point'))).toEqual(['', 'verified', 'has_issues']);
    expect(options(form('has_issues', 'focal_point'))).toEqual(['verified', 'has_issues']);
  });

  it('offers a supervisor every status and the reopening of a decision', () => {
    const markup = form('approved', 'supervisor');
    expect(options(markup)).toEqual(['', 'verified', 'has_issues', 'approved', 'rejected']);
    expect(markup).toContain('Rouvrir (non vérifiée)');
  });
});
