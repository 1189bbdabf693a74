import { describe, expect, it } from 'vitest';
import {
  SOCIO_FILE,
  SOCIO_ID,
  SOCIO_TITLE,
  SOCIO_V1,
  SOCIO_V2,
  socioEconomicVersion2,
} from './forms/socioEconomic';
import { saveScreenshot } from './harness/screenshots';
import { e2eSuite } from './harness/suite';
import { DEMO_PASSWORD } from './harness/server';
import { UnlockPage } from './pages/UnlockPage';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SubmissionsPage } from './pages/SubmissionsPage';

// The form's French labels, as the agent reads them.
const INTERNET = 'Le ménage a-t-il accès à Internet ?';
const INTERNET_TYPE = "Type d'accès / couverture Internet";
const HEALTH_VISIT = 'Ont-ils consulté un médecin/un hôpital au cours des 12 derniers mois ?';
const FACILITY = 'Type d’établissement consulté ?';
const NO_VISIT_REASON = 'Raison pour laquelle vous n’avez pas accès aux établissements de santé ?';
const DISEASES = 'Ont-ils été diagnostiqués et prescrits des médicaments pour des maladies ?';
/** The form's constraint_message exists in English only: the French interface shows the author's text. */
const AT_MOST_THREE = 'Up to 3 options can be selected';
const REQUIRED = 'Cette question est obligatoire.';

describe('a real XLSForm, imported by the server and filled offline in French', () => {
  const suite = e2eSuite('xlsform-offline-french', { xlsForms: [SOCIO_FILE] });

  it('keeps a draft on its version, runs the form’s logic with no network, and syncs the repeats', async () => {
    expect(suite.imported).toEqual([
      expect.objectContaining({ formId: SOCIO_ID, version: SOCIO_V1, title: SOCIO_TITLE, warnings: [] }),
    ]);
    const { context, page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    const form = new FillFormPage(page);
    await home.waitForForm(SOCIO_TITLE);
    await home.waitForOfflineReady();

    // Yesterday: a survey started on version 1 and left as a draft.
    await home.newSubmission(SOCIO_TITLE);
    await form.formVersion(SOCIO_V1).waitFor();
    await form.select('Région', 'Pendjab');
    await form.fillText('Adresse résidentielle', 'Mohalla Islampura, rue 12');
    await page.getByText('Enregistré', { exact: true }).waitFor();
    await form.goHome();
    await home.draft(SOCIO_TITLE, SOCIO_V1).waitFor();

    // The supervisor publishes version 2, with one more question; the morning sync brings it.
    await suite.server.publishForm(socioEconomicVersion2());
    await home.syncNow();
    await home.formCard(SOCIO_TITLE).getByText(`version ${SOCIO_V2}`).waitFor();

    // In the field: no network, and the tablet reloads.
    await context.setOffline(true);
    await page.reload();
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await home.syncBar.getByText('Hors ligne').waitFor();

    // A new survey starts on version 2 (opened, not answered)...
    await home.newSubmission(SOCIO_TITLE);
    await form.formVersion(SOCIO_V2).waitFor();
    await page.getByLabel('Nom de l’enquêteur').waitFor();
    await form.goHome();
    // ...while yesterday's draft reopens on version 1, with its answers.
    await home.continueDraft(SOCIO_TITLE, SOCIO_V1);
    await form.formVersion(SOCIO_V1).waitFor();
    expect(await page.getByLabel('Adresse résidentielle').inputValue()).toBe('Mohalla Islampura, rue 12');
    expect(await page.getByLabel('Nom de l’enquêteur').count()).toBe(0);

    // The districts follow the region (choice filter); the economic class is computed from the income, in
    // French (jr:itext over the choice list).
    const district = page.getByLabel('District');
    expect(await district.locator('option', { hasText: 'Karachi' }).count()).toBe(0);
    await form.select('District', 'Lahore et Sialkot');
    await form.fillText('Numéro de contact principal', '+92 300 1234567');
    await form.choose('revenu mensuel des ménages', '10 001 à 50 000');
    await expect.poll(() => page.getByLabel('Classe économique').inputValue()).toBe('Inférieur');

    await form.choose(INTERNET, 'Oui');
    await form.choose(INTERNET_TYPE, 'Disponible via 3G / 4G');

    // Two household members (a repeat holding groups).
    const awa = await form.addInstance('Membres du foyer 1');
    await awa.getByLabel('Prénom').fill('Awa');
    await form.choose('Genre', 'Femelle', awa);
    await form.choose(HEALTH_VISIT, 'Oui', awa);
    const facilities = [
      'Clinique gouvernementale',
      'Clinique privée',
      'Guérisseurs traditionnels',
      'Pharmacien',
    ];
    await form.tick(FACILITY, facilities, awa);
    // Four facilities where the form allows three: its message shows at once.
    await awa.getByText(AT_MOST_THREE).waitFor();
    await form.tick(DISEASES, ['Diabète', 'Hypertension'], awa);

    const moussa = await form.addInstance('Membres du foyer 2');
    await moussa.getByLabel('Prénom').fill('Moussa');
    await form.choose('Genre', 'Mâle', moussa);
    await form.choose(HEALTH_VISIT, 'Oui', moussa);
    await form.tick(FACILITY, ['Pharmacien'], moussa);
    // He did not see anyone after all: the facility question hides, the reason question shows.
    await form.choose(HEALTH_VISIT, 'Non', moussa);
    await form.question(FACILITY, moussa).waitFor({ state: 'detached' });
    await form.tick(NO_VISIT_REASON, ['Manque de fonds'], moussa);

    // The household has no internet after all: the type of access hides.
    await form.choose(INTERNET, 'Non');
    await form.question(INTERNET_TYPE).waitFor({ state: 'detached' });

    // Finalizing with the constraint still broken and a required answer missing: both shown, in place.
    await form.finalize();
    await form.errorSummary().filter({ hasText: '(2)' }).waitFor();
    await awa.getByText(AT_MOST_THREE).waitFor();
    await form.question(DISEASES, moussa).getByText(REQUIRED).waitFor();
    await saveScreenshot(page, 'xlsform-offline-french-errors');

    await form.tick(FACILITY, ['Guérisseurs traditionnels'], awa, false);
    await awa.getByText(AT_MOST_THREE).waitFor({ state: 'detached' });
    await form.tick(DISEASES, ["N'est pas applicable"], moussa);
    await moussa.getByText(REQUIRED).waitFor({ state: 'detached' });
    await form.finalize();

    const submissions = new SubmissionsPage(page);
    await submissions.rowWithState('En attente').waitFor();
    const [stored, ...others] = await form.storedSubmissions();
    expect(others).toEqual([]);
    // On version 1, with only the relevant answers: no internet type, no facility for Moussa, no se_list.
    expect(stored).toMatchObject({ formId: SOCIO_ID, formVersion: SOCIO_V1, syncState: 'pending' });
    expect(stored?.data).toEqual({
      region: 'Punjab',
      district: 'Lahore&Sialkot',
      residentialAddress: 'Mohalla Islampura, rue 12',
      primaryContactNo: '+92 300 1234567',
      householdIncome: '3',
      SEClass: 'Inférieur',
      internetHH: '2',
      familyMembers: [
        {
          firstNameFM: 'Awa',
          gender: '2',
          healthVisit: '1',
          healthFacility: ['2', '3', '6'],
          diseases: ['1', '3'],
        },
        {
          firstNameFM: 'Moussa',
          gender: '1',
          healthVisit: '2',
          reasonForNoHealthVisit: ['2'],
          diseases: ['10'],
        },
      ],
    });
    // The version 2 survey, opened and left without an answer, left no empty draft behind (issue 14).
    await form.goHome();
    await page.getByText('Aucun brouillon en cours.').waitFor();
    expect(await home.draft(SOCIO_TITLE, SOCIO_V2).count()).toBe(0);
    expect(await home.draft(SOCIO_TITLE, SOCIO_V1).count()).toBe(0);

    // The network returns: the submission syncs by itself, and the server holds it as finalized.
    await context.setOffline(false);
    await home.goToSubmissions();
    await submissions.rowWithState('Synchronisée').waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'xlsform-offline-french-synced');
    const onServer = await suite.server.submission(stored?.id ?? '');
    expect(onServer?.data).toMatchObject({
      id: stored?.id,
      formId: SOCIO_ID,
      formVersion: SOCIO_V1,
      data: stored?.data,
    });
  });
});
