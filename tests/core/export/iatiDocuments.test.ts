import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIatiXml } from '../../../src/core/export/iati';
import { documentFormat } from '../../../src/core/export/iatiDocuments';
import {
  DOCUMENT_CATEGORIES,
  ProjectDocument,
  documentsRefusal,
  type Project,
} from '../../../src/core/records/project';
import { demoProject, donor, gao, projectArb, organisationArb, validateIati } from './iatiFixtures';

const AT = '2026-12-02T10:00:00Z';
const SHA = (c: string) => c.repeat(64);

const documents = [
  ProjectDocument.parse({
    sha256: SHA('a'),
    title: 'Évaluation à mi-parcours <2026>',
    name: 'evaluation.pdf',
    type: 'application/pdf',
    public: true,
    category: 'A07',
    language: 'fr',
    date: '2026-06-30',
  }),
  // A type IANA never registered is written as a plain file.
  ProjectDocument.parse({ sha256: SHA('b'), title: 'Carte', name: 'carte.kmz', type: 'x/kmz', public: true }),
  ProjectDocument.parse({ sha256: SHA('c'), title: 'Budget interne', name: 'b.xlsx', type: '' }),
];

function file(project: Project, publicUrl: string | null) {
  return toIatiXml({
    projects: [project],
    organisations: [gao, donor],
    indicators: [],
    indicatorValues: [],
    generatedAt: AT,
    publicUrl,
  }).xml!;
}

describe('IATI document links', () => {
  it("links a public project's public documents, in the schema's place, and stays valid", async () => {
    const xml = file({ ...demoProject, public: true, documents }, 'https://terrain.example.org');
    expect((await validateIati(xml)).errors).toEqual([]);
    expect(xml.match(/<document-link /g)).toHaveLength(2);
    expect(xml).toContain(
      `<document-link url="https://terrain.example.org/public/projects/${demoProject.id}/documents/${SHA('a')}" format="application/pdf">` +
        '<title><narrative>Évaluation à mi-parcours &lt;2026&gt;</narrative></title><category code="A07"/>' +
        '<language code="fr"/><document-date iso-date="2026-06-30"/></document-link>',
    );
    expect(xml).toContain(
      `documents/${SHA('b')}" format="application/octet-stream"><title><narrative>Carte</narrative></title><category code="A02"/></document-link>`,
    );
    expect(xml).not.toContain(SHA('c'));
    // After the budgets and before the results, as iati-activity's sequence asks.
    expect(xml.indexOf('<document-link')).toBeGreaterThan(xml.lastIndexOf('<budget '));
  });

  it('links nothing of a private project, nor without the public address', () => {
    expect(file({ ...demoProject, public: false, documents }, 'https://t.example.org')).not.toContain(
      '<document-link',
    );
    expect(file({ ...demoProject, public: true, documents }, null)).not.toContain('<document-link');
  });

  it('validates for generated documents of generated projects', async () => {
    const documentArb = fc.record({
      sha256: fc.constantFrom(SHA('1'), SHA('2'), SHA('3')),
      title: fc.string({ minLength: 1, maxLength: 40 }),
      name: fc.string({ maxLength: 20 }),
      type: fc.constantFrom('application/pdf', 'image/png', 'text/html', '', 'application/x-what'),
      public: fc.boolean(),
      category: fc.constantFrom(...DOCUMENT_CATEGORIES),
      language: fc.constantFrom(null, 'fr' as const, 'en' as const),
      date: fc.constantFrom(null, '2026-01-31', '2024-02-29'),
    });
    let linked = 0;
    await fc.assert(
      fc.asyncProperty(
        projectArb,
        fc.array(documentArb, { maxLength: 4 }),
        fc.tuple(...['a', 'b', 'c', 'd'].map((id) => organisationArb.map((o) => ({ ...o, id })))),
        async (project, docs, organisations) => {
          const { xml } = toIatiXml({
            projects: [{ ...project, public: true, documents: docs }],
            organisations,
            indicators: [],
            indicatorValues: [],
            generatedAt: AT,
            publicUrl: 'https://t.example.org',
          });
          if (xml === null) return;
          if (xml.includes('<document-link')) linked++;
          expect((await validateIati(xml)).errors).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 20261206 },
    );
    expect(linked).toBeGreaterThan(3);
  }, 120_000);

  it('writes known formats as they are and any other as a plain file', () => {
    expect(documentFormat('Application/PDF; charset=binary')).toBe('application/pdf');
    expect(documentFormat('text/html')).toBe('application/octet-stream');
    expect(documentFormat('')).toBe('application/octet-stream');
  });
});

describe('who makes a document public', () => {
  const stored = [
    { sha256: SHA('a'), public: true },
    { sha256: SHA('b'), public: false },
  ];
  it('is an admin; others may keep a flag, add private documents, unpublish or remove', () => {
    const refused = 'Only admins make a project document public';
    expect(documentsRefusal(false, [{ sha256: SHA('b'), public: true }], stored)).toBe(refused);
    expect(documentsRefusal(false, [{ sha256: SHA('d'), public: true }], stored)).toBe(refused);
    expect(documentsRefusal(false, [{ sha256: SHA('d'), public: true }], undefined)).toBe(refused);
    expect(documentsRefusal(true, [{ sha256: SHA('b'), public: true }], stored)).toBeNull();
    expect(
      documentsRefusal(false, [{ sha256: SHA('a'), public: true }, { sha256: SHA('d') }], stored),
    ).toBeNull();
    expect(documentsRefusal(false, [{ sha256: SHA('a'), public: false }], stored)).toBeNull();
    expect(documentsRefusal(false, [], stored)).toBeNull();
  });

  it('reads documents stored before the new fields, with their defaults', () => {
    expect(ProjectDocument.parse({ sha256: SHA('a'), title: 'T', name: 'n', type: 't' })).toEqual({
      sha256: SHA('a'),
      title: 'T',
      name: 'n',
      type: 't',
      public: false,
      category: 'A02',
      language: null,
      date: null,
    });
    expect(
      ProjectDocument.safeParse({ sha256: SHA('a'), title: 'T', name: 'n', type: 't', category: 'Z99' })
        .success,
    ).toBe(false);
  });
});
