import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_PASSWORD_COST } from '../../../src/server/auth/passwords';
import { buildExport } from '../../../src/server/export/buildExport';
import { seedDemo } from '../../../src/server/seed/demoSeed';
import { checkIatiRulesets, validateIati, validateIatiOrganisations } from '../../core/export/iatiFixtures';
import { backends, type TestDatabase } from '../backends';

/**
 * The demo's IATI files as the IATI Registry takes them: valid against the official schemas and with no
 * failure under IATI's reference rulesets (standard_py.json, run by check.py with /usr/bin/python3).
 */
describe.each(backends)('IATI files of the demo on $name', (backend) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await db?.cleanup();
  });

  const seeded = async () => {
    db = await backend.create();
    const now = new Date('2026-11-24T08:00:00.000Z');
    await seedDemo(db.storage, {
      password: 'sample-pass-1',
      now,
      passwordCost: TEST_PASSWORD_COST,
      sampleData: true,
    });
    return { storage: db.storage, now };
  };

  it('the activity file passes every IATI ruleset check', async () => {
    // With the public site's address, the public project's public document is linked.
    vi.stubEnv('IATI_PUBLIC_URL', 'https://terrain.example.org/');
    const { storage, now } = await seeded();
    const [file] = await buildExport(
      storage,
      'operator',
      { format: 'iati', lang: 'fr', codes: false, includePersonal: false },
      now,
    );
    const xml = String(file!.body);
    expect((await validateIati(xml)).errors).toEqual([]);
    // Each of the four projects: its eight transactions and four quarterly planned disbursements.
    expect(xml.match(/<transaction>/g)).toHaveLength(32);
    expect(xml.match(/<planned-disbursement /g)).toHaveLength(16);
    expect(xml).toMatch(
      /<transaction><transaction-type code="4"\/><transaction-date iso-date="2026-09-30"\/><value value-date="2026-09-30">-\d+<\/value>/,
    );
    expect(xml).toMatch(/<provider-org ref="[^"]+" type="\d+"><narrative>/);
    // Every reporting organisation of the demo gives a contact: each activity carries it.
    expect(xml.match(/<contact-info type="1">/g)).toHaveLength(4);
    expect(xml).toContain(
      '<contact-info type="1"><organisation><narrative>Alliance pour le Développement du Nord (ADN)</narrative></organisation>' +
        '<department><narrative>Suivi-évaluation</narrative></department><person-name><narrative>Fatoumata Maïga</narrative></person-name>',
    );
    const links = xml.match(/<document-link [^>]*>.*?<\/document-link>/g) ?? [];
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(
      /^<document-link url="https:\/\/terrain\.example\.org\/public\/projects\/eau-tombouctou\/documents\/[0-9a-f]{64}" format="application\/pdf"><title><narrative>Fiche du projet<\/narrative><\/title><category code="A02"\/><language code="fr"\/><document-date iso-date="2026-01-15"\/><\/document-link>$/,
    );
    // The activity names its recipients: its transactions name none, nor any sector.
    expect(xml).not.toMatch(
      /<transaction>(?:(?!<\/transaction>).)*<(sector|recipient-country|recipient-region)[ >]/,
    );
    const check = checkIatiRulesets(xml);
    // check.py's own output is the failure message: it names each failed rule and activity. Some hundred
    // checks run: the file is not checked vacuously.
    expect(check.output).toMatch(/iati-rulesets: 0 failed of \d{3,} checks/);
    expect(check.status, check.output).toBe(0);
  }, 60_000);

  it('a file of one project carries that project’s transactions and planned disbursements only', async () => {
    const { storage, now } = await seeded();
    const [file] = await buildExport(
      storage,
      'operator',
      { format: 'iati', project: 'eau-tombouctou', lang: 'fr', codes: false, includePersonal: false },
      now,
    );
    const xml = String(file!.body);
    expect(xml.match(/<iati-activity /g)).toHaveLength(1);
    expect(xml.match(/<transaction>/g)).toHaveLength(8);
    expect(xml.match(/<planned-disbursement /g)).toHaveLength(4);
  }, 60_000);

  it('the organisation file is schema-valid, passes every IATI ruleset check and sums the budgets and expenditures per year', async () => {
    const { storage, now } = await seeded();
    const [file] = await buildExport(
      storage,
      'operator',
      { format: 'iati-organisations', lang: 'fr', codes: false, includePersonal: false },
      now,
    );
    const xml = String(file!.body);
    expect((await validateIatiOrganisations(xml)).errors).toEqual([]);
    // Each of the four projects has its own reporting organisation, and one 2026 budget line.
    expect(xml.match(/<iati-organisation /g)).toHaveLength(4);
    expect(xml).toContain(
      '<total-budget><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/>' +
        '<value currency="XOF" value-date="2026-01-01">320000000</value></total-budget>',
    );
    expect(xml).toContain('<recipient-country code="ML"/>');
    // UNICEF's project spent 18 %, 22 %, 20 % and -1 % (a correction) of its 320 000 000 XOF budget.
    expect(xml).toContain(
      '<total-expenditure><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/>' +
        '<value currency="XOF" value-date="2026-01-01">188800000</value></total-expenditure>',
    );
    const check = checkIatiRulesets(xml);
    expect(check.output).toMatch(/iati-rulesets: 0 failed of \d{2,} checks/);
    expect(check.status, check.output).toBe(0);
  }, 60_000);
});
