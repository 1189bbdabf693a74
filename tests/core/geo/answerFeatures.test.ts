import { describe, expect, it } from 'vitest';
import { FormDefinition } from '../../../src/core/forms/definition';
import { answerFeatures, featuresBounds } from '../../../src/core/geo/answerFeatures';

const form = FormDefinition.parse({
  id: 'geo',
  version: '1',
  title: { fr: 'Géo' },
  defaultLanguage: 'fr',
  languages: ['fr'],
  items: [
    { kind: 'question', type: 'geopoint', name: 'home', label: { fr: 'Maison' } },
    {
      kind: 'group',
      name: 'g',
      label: { fr: 'Groupe' },
      items: [{ kind: 'question', type: 'geotrace', name: 'road', label: { fr: 'Route' } }],
    },
    {
      kind: 'repeat',
      name: 'plots',
      label: { fr: 'Parcelles' },
      items: [{ kind: 'question', type: 'geoshape', name: 'plot', label: { fr: 'Parcelle' } }],
    },
    { kind: 'question', type: 'text', name: 'note', label: { fr: 'Note' } },
  ],
  choiceLists: {},
});

const p = (latitude: number, longitude: number) => ({ latitude, longitude });

describe('answerFeatures', () => {
  it('maps points, lines and shapes, in groups and repeats, and closes a shape', () => {
    const features = answerFeatures(form.items, {
      home: p(16.27, -0.04),
      road: [p(16, 0), p(16.1, 0.1)],
      plots: [{ plot: '16 0 0 0; 16 0.1 0 0; 16.1 0.1 0 0' }, { plot: [p(1, 1)] }],
      note: 'x',
    });
    expect(features.map((f) => [f.properties.name, f.geometry.type])).toEqual([
      ['home', 'Point'],
      ['road', 'LineString'],
      ['plot', 'Polygon'],
    ]);
    expect(features[0]?.geometry.coordinates).toEqual([-0.04, 16.27]);
    expect(features[2]?.geometry.coordinates).toEqual([
      [
        [0, 16],
        [0.1, 16],
        [0.1, 16.1],
        [0, 16],
      ],
    ]);
    expect(featuresBounds(features)).toEqual([-0.04, 16, 0.1, 16.27]);
  });

  it('leaves out what is not an answer: a line of one point, a shape of two, bad text', () => {
    expect(
      answerFeatures(form.items, { home: 'north', road: [p(16, 0)], plots: [{ plot: [p(1, 1), p(2, 2)] }] }),
    ).toEqual([]);
    expect(featuresBounds([])).toBeUndefined();
  });
});
