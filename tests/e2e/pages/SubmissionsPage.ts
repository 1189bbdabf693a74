import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

export class SubmissionsPage extends AppPage {
  rows(): Locator {
    return this.page.locator('main li.card');
  }

  rowWithState(state: 'En attente' | 'Synchronisée' | 'À corriger'): Locator {
    return this.rows().filter({ hasText: state });
  }
}
