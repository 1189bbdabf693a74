import { describe, expect, it } from 'vitest';
import { FormDefinition } from '../../src/core/forms/definition';
import { e2eSuite } from './harness/suite';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';

const GAO = { latitude: 16.2717, longitude: -0.0447 };

/** Two geopoints: one waits for 5 m (capture-accuracy) and warns past 8 m, the other only warns past 10 m. */
const ACCURACY_FORM = FormDefinition.parse({
  id: 'accuracy_check',
  version: '2026-11-24',
  title: { fr: 'Relevé des puits', en: 'Well survey' },
  defaultLanguage: 'fr',
  languages: ['fr', 'en'],
  items: [
    {
      kind: 'question',
      type: 'geopoint',
      name: 'well',
      label: { fr: 'Puits', en: 'Well' },
      parameters: { 'capture-accuracy': '5', 'warning-accuracy': '8', 'allow-mock-accuracy': 'true' },
    },
    {
      kind: 'question',
      type: 'geopoint',
      name: 'market',
      label: { fr: 'Marché', en: 'Market' },
      parameters: { 'warning-accuracy': '10' },
    },
  ],
  choiceLists: {},
});

describe('geopoint accuracy parameters in the browser (issue 13, item 6)', () => {
  const suite = e2eSuite('geopoint-accuracy', { forms: [ACCURACY_FORM] });

  it('waits for capture-accuracy, accepts on its own once reached, and warns past warning-accuracy', async () => {
    const { context, page } = await suite.signedIn('agent');
    const home = new HomePage(page);
    await home.waitForForm('Relevé des puits');
    await home.newSubmission('Relevé des puits');
    const form = new FillFormPage(page);

    // No capture-accuracy: the first position is taken, with a warning when it is less accurate than 10 m.
    await context.setGeolocation({ ...GAO, accuracy: 12 });
    const market = form.question('Marché');
    await market.getByRole('button', { name: 'Utiliser ma position' }).click();
    await expect
      .poll(() => market.getByRole('status').innerText())
      .toBe('Position trouvée, précision 12 m. Précision faible : plus de 10 m.');
    // A typed accuracy within the threshold lifts the warning.
    await market.getByLabel('Précision (m)').fill('6');
    await market.getByText('Précision faible').waitFor({ state: 'detached' });

    // 30 m is not yet 5 m: the device goes on listening, and says so.
    await context.setGeolocation({ ...GAO, accuracy: 30 });
    const well = form.question('Puits');
    await well.getByRole('button', { name: 'Utiliser ma position' }).click();
    // (A fix of the last 10 s may come first: maximumAge.)
    await well.getByText(/^Précision \d+ m, attente de 5 m\.$/).waitFor();
    // A position of 4 m arrives: accepted without a tap.
    await context.setGeolocation({ ...GAO, accuracy: 4 });
    await well.getByText('Position trouvée, précision 4 m.').waitFor();
    expect(await well.getByLabel('Précision (m)').inputValue()).toBe('4');
    expect(await well.getByText('Précision faible').count()).toBe(0);
  });
});
