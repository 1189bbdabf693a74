import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { HomePage } from './pages/HomePage';

const FORM = 'Enquête ménage';

/** Types a date (`2026-01-05`) in the day, month and year of the date field `label` (a group), in French. */
async function fillDate(within: Locator, label: string, iso: string) {
  const [year = '', month = '', day = ''] = iso.split('-');
  const group = within.getByRole('group', { name: label, exact: true });
  await group.getByLabel('Jour').fill(String(Number(day)));
  await group.getByLabel('Mois').selectOption(String(Number(month)));
  await group.getByLabel('Année').fill(year);
}

/** Opens the project list from the home page (`Projets`). */
async function openProjects(page: Page) {
  await new HomePage(page).goHome();
  await page.getByRole('link', { name: 'Projets', exact: true }).click();
  await page.getByRole('heading', { name: 'Projets' }).waitFor();
}

describe('an admin creates a project and its indicator offline; the supervisor edits the target', () => {
  const suite = e2eSuite('coordination-editing');

  it('creates offline, syncs, and a second device sees both and edits the indicator’s target', async () => {
    const { context, page } = await suite.signedIn('admin');
    const home = new HomePage(page);
    await home.waitForForm(FORM);
    // Offline from here: the pages' chunks must be precached first.
    await home.waitForOfflineReady();
    await openProjects(page);
    await context.setOffline(true);

    await page.getByRole('link', { name: 'Nouveau projet' }).click();
    await page.getByRole('heading', { name: 'Nouveau projet' }).waitFor();
    // Saving an empty form says what is missing, beside each field, and writes nothing.
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Donnez un code (200 caractères au plus).').waitFor();
    await page.getByText('Donnez un titre, en français ou en anglais.').waitFor();

    await page.getByLabel('Code (identifiant IATI de l’activité)').fill('ML-NIF-77-MNK-01');
    await page.getByLabel('Titre (français)').fill('Résilience pastorale à Ménaka');
    await page.getByLabel('Titre (anglais)').fill('Pastoral resilience in Ménaka');
    await page.getByLabel('Statut').selectOption({ label: 'En cours' });
    await page.getByRole('button', { name: 'Ajouter un secteur' }).click();
    const sectors = page.getByRole('group', { name: 'Secteurs' });
    await sectors.getByLabel('Code secteur CAD (5 chiffres)').fill('31163');
    await sectors.getByLabel('Pourcentage').fill('80');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Les pourcentages des secteurs doivent faire 100 au total.').waitFor();
    await sectors.getByLabel('Pourcentage').fill('100');
    await page.getByRole('button', { name: 'Ajouter un lieu' }).click();
    const places = page.getByRole('group', { name: 'Lieux' });
    await places.getByLabel('Nom du lieu').fill('Ménaka');
    await places.getByLabel('Code région (adm1)').fill('ML09');
    await places.getByLabel('Latitude (facultative)').fill('15,918');
    await places.getByLabel('Longitude (facultative)').fill('2,401');
    await saveScreenshot(page, 'coordination-editing-new-project-fr');
    await page.getByRole('button', { name: 'Enregistrer' }).click();

    await page.getByRole('heading', { name: 'Résilience pastorale à Ménaka' }).waitFor();
    const projectId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    expect(projectId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByText('Ménaka (ML09)').waitFor();
    await saveScreenshot(page, 'coordination-editing-project-page-fr');

    await page.getByRole('link', { name: 'Nouvel indicateur' }).click();
    await page.getByRole('heading', { name: 'Nouvel indicateur' }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill('R1.1');
    await page.getByLabel('Titre (français)').fill('Ménages ayant reçu des aliments pour bétail');
    await page.getByLabel('Titre (anglais)').fill('Households that received livestock feed');
    await page.getByLabel('Unité').fill('ménages');
    await page.getByLabel('Année').fill('2026');
    await page
      .getByRole('group', { name: 'Situation de référence (facultative)' })
      .getByLabel('Valeur')
      .fill('0');
    await page.getByRole('button', { name: 'Ajouter une cible' }).click();
    const targets = page.getByRole('group', { name: 'Cibles par période' });
    await fillDate(targets, 'Début', '2026-01-01');
    await fillDate(targets, 'Fin', '2026-06-30');
    await targets.getByLabel('Cible').fill('400');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('heading', { name: 'R1.1 — Ménages ayant reçu des aliments pour bétail' }).waitFor();
    // The targets' table and the chart's data table both show it.
    await page.getByRole('cell', { name: '400' }).first().waitFor();

    // Back online: both records reach the server.
    const applied = (action: string) =>
      suite.server.withStorage(
        async (s) => (await s.listAudit(1000)).filter((e) => e.action === action).length,
      );
    await context.setOffline(false);
    await home.syncNow();
    await expect.poll(() => applied('projects.put'), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => applied('indicators.put'), { timeout: 30_000 }).toBe(1);

    // A new project has no members: the admin adds the supervisor (the CLI's `users add --project` step).
    await suite.server.withStorage(async (s) => {
      const supervisor = await s.userByUsername('supervisor');
      await s.addProjectMember(projectId, supervisor!.id);
    });

    const second = await suite.signedIn('supervisor');
    const supPage = second.page;
    await new HomePage(supPage).waitForForm(FORM);
    await openProjects(supPage);
    // A supervisor edits but does not create projects.
    await supPage.getByRole('link', { name: 'Organisations' }).waitFor();
    expect(await supPage.getByRole('link', { name: 'Nouveau projet' }).count()).toBe(0);
    await saveScreenshot(supPage, 'coordination-editing-project-list-fr');
    await supPage.getByRole('link', { name: 'Résilience pastorale à Ménaka' }).click();
    await supPage.getByRole('link', { name: /^R1\.1 — / }).click();
    await supPage.getByRole('link', { name: 'Modifier l’indicateur' }).click();
    await supPage.getByRole('heading', { name: 'Modifier l’indicateur' }).waitFor();
    await second.context.setOffline(true);
    const supTargets = supPage.getByRole('group', { name: 'Cibles par période' });
    await supTargets.getByLabel('Cible').fill('450');
    await saveScreenshot(supPage, 'coordination-editing-indicator-fr');
    await supPage.getByRole('button', { name: 'Enregistrer' }).click();
    await supPage.getByRole('cell', { name: '450' }).first().waitFor();
    await second.context.setOffline(false);
    await new HomePage(supPage).syncNow();
    await expect.poll(() => applied('indicators.put'), { timeout: 30_000 }).toBe(2);
    const stored = await suite.server.withStorage(async (s) => {
      const all = await s.listAudit(1000);
      const id = all.find((e) => e.action === 'indicators.put')?.recordId ?? '';
      return s.getEntity('indicators', id);
    });
    expect(stored?.data).toMatchObject({
      code: 'R1.1',
      targets: [{ period: { start: '2026-01-01', end: '2026-06-30' }, value: 450 }],
    });

    // Organisations: the supervisor adds one, then corrects its acronym.
    await openProjects(supPage);
    await supPage.getByRole('link', { name: 'Organisations' }).click();
    await supPage.getByRole('heading', { name: 'Organisations' }).waitFor();
    await supPage.getByRole('link', { name: 'Nouvelle organisation' }).click();
    await supPage.getByLabel('Nom').fill('Action contre la Faim');
    await supPage.getByLabel('Sigle').fill('AFC');
    await supPage.getByLabel('Identifiant d’organisation IATI').fill('RCS 123');
    await supPage.getByLabel('Type d’organisation (IATI)').selectOption('21');
    await supPage.getByRole('button', { name: 'Enregistrer' }).click();
    await supPage.getByText('Un identifiant IATI s’écrit préfixe de l’agence, tiret, numéro').waitFor();
    await supPage.getByLabel('Identifiant d’organisation IATI').fill('FR-RCS-123');
    // Its contact (IATI contact-info): a wrong email and website are said beside each, nothing typed is lost.
    const contact = supPage.getByRole('group', { name: 'Contact (public : publié dans le fichier IATI)' });
    await contact.getByLabel('Personne à contacter').fill('Awa Diallo');
    await contact.getByLabel('Fonction').fill('Chargée de plaidoyer');
    await contact.getByLabel('Service').fill('Mission Mali');
    await contact.getByLabel('Adresse e-mail').fill('mali.acf.org');
    await contact.getByLabel('Téléphone').fill('+223 20 29 00 00');
    await contact.getByLabel('Site web').fill('www.acf.org');
    await contact.getByLabel('Adresse postale').fill('Badalabougou\nBamako, Mali');
    await supPage.getByRole('button', { name: 'Enregistrer' }).click();
    await supPage.getByText('Adresse e-mail non valable (ex. suivi@ong-sahel.org).').waitFor();
    await supPage.getByText('Adresse web non valable : elle commence par https://').waitFor();
    expect(await contact.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await contact.getByLabel('Personne à contacter').inputValue()).toBe('Awa Diallo');
    await expectAccessible(supPage, 'the organisation form with contact errors');
    await saveScreenshot(supPage, 'coordination-editing-organisation-contact-errors-fr');
    await contact.getByLabel('Adresse e-mail').fill('mali@acf.org');
    await contact.getByLabel('Site web').fill('https://www.acf.org/mali');
    await supPage.getByRole('button', { name: 'Enregistrer' }).click();
    await supPage.getByText('Action contre la Faim (AFC)').waitFor();
    await supPage.getByRole('link', { name: 'Modifier Action contre la Faim' }).click();
    await supPage.getByLabel('Sigle').fill('ACF');
    expect(await supPage.getByLabel('Adresse e-mail').inputValue()).toBe('mali@acf.org');
    await expectAccessible(supPage, 'the organisation form with its contact');
    await supPage.getByRole('button', { name: 'Enregistrer' }).click();
    await supPage.getByText('Action contre la Faim (ACF)').waitFor();
    await saveScreenshot(supPage, 'coordination-editing-organisations-fr');
    await expect.poll(() => applied('organisations.put'), { timeout: 30_000 }).toBe(2);
    const org = await suite.server.withStorage(async (s) => {
      const all = await s.listAudit(1000);
      const id = all.find((e) => e.action === 'organisations.put')?.recordId ?? '';
      return s.getEntity('organisations', id);
    });
    expect(org?.data).toMatchObject({
      acronym: 'ACF',
      contactPerson: 'Awa Diallo',
      contactEmail: 'mali@acf.org',
      contactWebsite: 'https://www.acf.org/mali',
      contactAddress: 'Badalabougou\nBamako, Mali',
    });

    // An indicator of the demo project computed from its survey: the sum of a field, by sex, with a filter.
    await supPage.evaluate(() => (window.location.hash = '#/projects/synergie-nord-gao'));
    await supPage.getByRole('link', { name: 'Nouvel indicateur' }).click();
    await supPage.getByLabel('Code', { exact: true }).fill('R2.1');
    await supPage.getByLabel('Titre (français)').fill('Personnes dans les ménages enquêtés');
    await supPage.getByLabel('Formulaire').selectOption({ label: FORM });
    await supPage.locator('select[name="computation.aggregate"]').selectOption('sum');
    await supPage.getByLabel('Filtre (expression XLSForm, facultatif)').fill('${head_sex} = ');
    await supPage.getByRole('button', { name: 'Ajouter une ventilation' }).click();
    const split = supPage.getByRole('group', { name: 'Ventilations' });
    await split.getByLabel('Nom de la ventilation').fill('sexe');
    await split.getByLabel('Champ du formulaire donnant la catégorie (calcul)').fill('head_sex');
    await split.getByRole('button', { name: 'Ajouter une catégorie' }).click();
    await split.getByLabel('Code de la catégorie').fill('female');
    await split.getByLabel('Libellé (français)').last().fill('Femme');
    await supPage.getByRole('button', { name: 'Enregistrer' }).click();
    await supPage.getByText('Une somme ou une moyenne porte sur un champ : donnez-le.').waitFor();
    await supPage.getByText('Ce filtre n’est pas une expression valable.').waitFor();
    await saveScreenshot(supPage, 'coordination-editing-computed-errors-fr');
    await supPage.getByLabel('Champ numérique').fill('household_size');
    await split.getByLabel('Libellé (français)').first().fill('Sexe du chef de ménage');
    await supPage.getByLabel('Filtre (expression XLSForm, facultatif)').fill("${head_sex} != ''");
    await supPage.getByRole('button', { name: 'Enregistrer' }).click();
    await supPage.getByRole('heading', { name: 'R2.1 — Personnes dans les ménages enquêtés' }).waitFor();
    await expect.poll(() => applied('indicators.put'), { timeout: 30_000 }).toBe(3);

    // The demo project's edit page, with its lists filled, in French then English (test-results/, for the eye).
    await supPage.evaluate(() => (window.location.hash = '#/edit/projects/synergie-nord-gao'));
    await supPage.getByRole('heading', { name: 'Modifier le projet' }).waitFor();
    await saveScreenshot(supPage, 'coordination-editing-project-fr');
    await supPage.getByRole('button', { name: 'English' }).click();
    await supPage.getByRole('heading', { name: 'Edit the project' }).waitFor();
    await saveScreenshot(supPage, 'coordination-editing-project-en');
    await supPage.getByRole('link', { name: 'Cancel' }).click();
    await supPage.getByRole('heading', { name: 'Synergie-Nord — Food security in Gao' }).waitFor();
    await supPage.evaluate((id) => (window.location.hash = `#/indicators/${id}`), stored!.id);
    await supPage.getByRole('link', { name: 'Edit the indicator' }).click();
    await supPage.getByRole('heading', { name: 'Edit the indicator' }).waitFor();
    await saveScreenshot(supPage, 'coordination-editing-indicator-en');
  });
});
