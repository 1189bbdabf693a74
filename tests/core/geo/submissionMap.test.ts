import { describe, expect, it } from 'vitest';
import { FormDefinition } from '../../../src/core/forms/definition';
import {
  hasGeoQuestion,
  MAP_STATUSES,
  NO_MAP_FILTER,
  STATUS_COLOURS,
  matchesMapFilter,
  senders,
  submissionsOnMap,
  type MapSubmission,
} from '../../../src/core/geo/submissionMap';

const form = FormDefinition.parse({
  id: 'f',
  version: '1',
  title: { fr: 'F' },
  defaultLanguage: 'fr',
  languages: ['fr'],
  items: [
    { kind: 'question', type: 'text', name: 'nom', label: { fr: 'Nom' } },
    { kind: 'question', type: 'geopoint', name: 'lieu', label: { fr: 'Lieu' } },
    { kind: 'question', type: 'geoshape', name: 'champ', label: { fr: 'Champ' } },
  ],
});

const sub = (id: string, over: Partial<MapSubmission> = {}): MapSubmission => ({
  id,
  createdBy: 'u1',
  finalizedAt: '2026-11-20T09:00:00.000Z',
  data: { lieu: '16.27 -0.04 0 5' },
  status: null,
  ...over,
});

describe('a form’s submissions on a map', () => {
  it('filters by days (inclusive, UTC), agent and review status', () => {
    const s = sub('a', { finalizedAt: '2026-11-20T23:30:00.000Z', createdBy: 'u2', status: 'verified' });
    expect(matchesMapFilter(s, NO_MAP_FILTER)).toBe(true);
    expect(matchesMapFilter(s, { ...NO_MAP_FILTER, from: '2026-11-20', to: '2026-11-20' })).toBe(true);
    expect(matchesMapFilter(s, { ...NO_MAP_FILTER, from: '2026-11-21' })).toBe(false);
    expect(matchesMapFilter(s, { ...NO_MAP_FILTER, to: '2026-11-19' })).toBe(false);
    expect(matchesMapFilter(s, { ...NO_MAP_FILTER, agent: 'u2' })).toBe(true);
    expect(matchesMapFilter(s, { ...NO_MAP_FILTER, agent: 'u1' })).toBe(false);
    expect(matchesMapFilter(s, { ...NO_MAP_FILTER, status: 'verified' })).toBe(true);
    expect(matchesMapFilter(s, { ...NO_MAP_FILTER, status: 'none' })).toBe(false);
    expect(matchesMapFilter(sub('b'), { ...NO_MAP_FILTER, status: 'none' })).toBe(true);
    // The reader's own day when given (23:30 UTC is the next day east of Greenwich).
    const east = { ...s, day: '2026-11-21' };
    expect(matchesMapFilter(east, { ...NO_MAP_FILTER, from: '2026-11-21', to: '2026-11-21' })).toBe(true);
    expect(matchesMapFilter(east, { ...NO_MAP_FILTER, to: '2026-11-20' })).toBe(false);
  });

  it('tags each geo answer with its submission, status and colour, and keeps only located submissions', () => {
    const shape = '16 0 0 0;16.1 0 0 0;16.1 0.1 0 0';
    const result = submissionsOnMap(
      form.items,
      [
        sub('a', { status: 'has_issues', data: { lieu: '16.27 -0.04 0 5', champ: shape } }),
        sub('b', { data: { nom: 'sans lieu' } }),
        sub('c', { status: 'rejected', createdBy: 'u2' }),
      ],
      NO_MAP_FILTER,
    );
    expect(result.matching).toBe(3);
    expect(result.located.map((s) => s.id)).toEqual(['a', 'c']);
    expect(
      result.features.map((f) => [f.properties.submission, f.geometry.type, f.properties.colour]),
    ).toEqual([
      ['a', 'Point', STATUS_COLOURS.has_issues],
      ['a', 'Polygon', STATUS_COLOURS.has_issues],
      ['c', 'Point', STATUS_COLOURS.rejected],
    ]);
    expect(result.features[0]?.geometry.coordinates).toEqual([-0.04, 16.27]);
    const onlyRejected = submissionsOnMap(form.items, [sub('a'), sub('c', { status: 'rejected' })], {
      ...NO_MAP_FILTER,
      status: 'rejected',
    });
    expect(onlyRejected.located.map((s) => s.id)).toEqual(['c']);
    expect(onlyRejected.features[0]?.properties.status).toBe('rejected');
  });

  it('gives every status its own colour, and lists the senders once each', () => {
    expect(new Set(MAP_STATUSES.map((s) => STATUS_COLOURS[s])).size).toBe(MAP_STATUSES.length);
    expect(senders([sub('a'), sub('b', { createdBy: 'u2' }), sub('c')])).toEqual(['u1', 'u2']);
  });

  it('knows whether a form asks for a place at all, in groups and repeats too', () => {
    expect(hasGeoQuestion(form.items)).toBe(true);
    const text = { kind: 'question', type: 'text', name: 'nom', label: { fr: 'Nom' } } as const;
    const trace = { kind: 'question', type: 'geotrace', name: 'route', label: { fr: 'Route' } } as const;
    const of = (items: unknown[]) =>
      FormDefinition.parse({
        id: 'g',
        version: '1',
        title: { fr: 'G' },
        defaultLanguage: 'fr',
        languages: ['fr'],
        items,
      }).items;
    expect(hasGeoQuestion(of([text]))).toBe(false);
    expect(hasGeoQuestion(of([{ kind: 'group', name: 'g', label: { fr: 'G' }, items: [text] }]))).toBe(false);
    expect(hasGeoQuestion(of([{ kind: 'repeat', name: 'r', label: { fr: 'R' }, items: [trace] }]))).toBe(
      true,
    );
  });
});
