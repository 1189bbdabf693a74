import { describe, expect, it } from 'vitest';
import { KITS_TITLE, kitsWorkbook, VILLAGES_CSV } from './forms/kitsWorkbook';
import { expectAccessible } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { TestDevice } from './harness/testDevice';
import { FormsAdminPage } from './pages/FormsAdminPage';
import { HomePage } from './pages/HomePage';

const V1 = '2026120601';
const V2 = '2026120602';

describe('the Forms page', () => {
  const suite = e2eSuite('forms-page');

  it('a supervisor sees the problems of a form, fixes it, previews and publishes it; archiving hides it', async () => {
    const agent = await suite.signedIn('agent');
    const agentHome = new HomePage(agent.page);
    await agentHome.waitForForm('Enquête ménage');
    // Agents have no Forms link, and the page tells them it is not theirs.
    expect(await agent.page.getByRole('link', { name: 'Formulaires' }).count()).toBe(0);
    await agent.page.goto(`${suite.server.url}/#/forms`);
    await agent.page
      .getByText('Seuls les superviseurs et les administrateurs publient des formulaires.')
      .waitFor();
    await agentHome.goHome();

    const { page } = await suite.signedIn('supervisor');
    const forms = new FormsAdminPage(page);
    await new HomePage(page).waitForForm('Enquête ménage');
    await forms.open();
    await expectAccessible(page, 'the Forms page');

    // A form with a mistake, dropped without the file its villages come from: the server points at each
    // problem's sheet, row and column, in French.
    await forms.drop([{ name: 'kits.xlsx', buffer: kitsWorkbook(V1, { broken: true }) }]);
    expect(await forms.tableRows(/2 problème\(s\) à corriger avant de publier/)).toEqual([
      ['survey', '3', 'relevant', '${kitz} n’est pas un champ de ce formulaire'],
      [
        'survey',
        '4',
        'type',
        'Les choix viennent de villages.csv, qui n’est pas joint : joignez-le au formulaire',
      ],
    ]);
    await page.getByText('kits.xlsx : 2 problèmes à corriger (joignez villages.csv)').waitFor();
    expect(await page.getByRole('button', { name: /^Publier/ }).count()).toBe(0);
    await saveScreenshot(page, 'forms-page-problems');
    await expectAccessible(page, 'the Forms page listing problems');

    // The corrected form and its file, dropped together: ready to publish.
    await forms.drop([{ name: 'kits.xlsx', buffer: kitsWorkbook(V1) }, VILLAGES_CSV]);
    await page.getByText('Joints : villages.csv').waitFor();
    await page.getByText(`Prêt à publier : ${KITS_TITLE}, version ${V1}, 3 question(s).`).waitFor();

    // The preview is the form as agents fill it: its logic runs, and nothing is saved.
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByRole('heading', { name: `Prévisualisation : ${KITS_TITLE}` }).waitFor();
    expect(await page.getByLabel('Remarque').count()).toBe(0);
    await page.getByRole('button', { name: 'Vérifier les réponses' }).click();
    await page.getByText('1 réponse(s) à corriger.').waitFor();
    await page.getByLabel(/Nombre de kits/).fill('4');
    await page.getByLabel('Remarque').fill('Deux familles absentes');
    // The attached file's choices are in the form.
    await page.getByLabel('Bara', { exact: true }).check();
    await page.getByRole('button', { name: 'Vérifier les réponses' }).click();
    await page.getByText('Toutes les réponses sont valides (rien n’a été enregistré).').waitFor();
    await expectAccessible(page, 'the preview of a form');
    const stored = await new TestDevice(page).read();
    expect([stored.submissions, stored.outbox]).toEqual([[], []]);

    // Published: the list shows the version once this device has synced it back.
    await page.getByRole('button', { name: `Publier la version ${V1}` }).click();
    await page.getByText(`Version ${V1} de « ${KITS_TITLE} » publiée`, { exact: false }).waitFor();
    await forms.versions(KITS_TITLE).getByText(`Version ${V1}`).waitFor();

    // The agent's device gets it at its next sync.
    await agentHome.syncNow();
    await agentHome.waitForForm(KITS_TITLE);
    await agentHome.formCard(KITS_TITLE).getByText(`version ${V1}`).waitFor();

    // A second version: both listed, the latest first.
    await forms.chooseForm({ name: 'kits-v2.xlsx', buffer: kitsWorkbook(V2) });
    await page.getByRole('button', { name: `Publier la version ${V2}` }).click();
    await forms.versions(KITS_TITLE).getByText(`Version ${V2}`).waitFor();
    expect(await forms.versions(KITS_TITLE).getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^Version ${V2} — publiée le .* \\(dernière\\)$`)),
      expect.stringMatching(new RegExp(`^Version ${V1} — publiée le `)),
    ]);

    // The agent starts a draft on it, then the supervisor archives the form.
    await agentHome.syncNow();
    await agentHome.formCard(KITS_TITLE).getByText(`version ${V2}`).waitFor();
    await agentHome.newSubmission(KITS_TITLE);
    await agent.page.getByLabel(/Nombre de kits/).fill('2');
    await agent.page.getByText('Enregistré', { exact: true }).waitFor();
    await agentHome.goHome();

    await page.getByRole('button', { name: new RegExp(`^Archiver\\W+${KITS_TITLE}$`) }).click();
    await page.getByRole('button', { name: 'Oui, archiver' }).click();
    await page.getByRole('heading', { name: new RegExp(`${KITS_TITLE}.*Archivé`) }).waitFor();
    await saveScreenshot(page, 'forms-page-archived');

    // No new submission on it any more; the draft started before is still there to finish.
    await agentHome.syncNow();
    await expect.poll(() => agentHome.newSubmissionButton(KITS_TITLE).count()).toBe(0);
    await agentHome.waitForForm('Enquête ménage');
    await agentHome.draft(KITS_TITLE, V2).waitFor();

    // In English too, with nothing to fix for axe.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forms' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^Offer again\\W+${KITS_TITLE}$`) }).waitFor();
    await expectAccessible(page, 'the Forms page in English');
  });
});
