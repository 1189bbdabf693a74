import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExportStatus } from '../../../src/app/components/exports/ExportStatus';
import type { ExportDownloadState } from '../../../src/app/hooks/useExportDownload';
import { I18nContext } from '../../../src/app/i18n/context';
import '../../../src/app/i18n/exportsStrings';
import { translator } from '../../../src/app/i18n/translate';
import type { UiLanguage } from '../../../src/core/i18n/localized';

function render(state: ExportDownloadState, lang: UiLanguage = 'fr'): string {
  const i18n = { lang, setLang: () => undefined, t: translator(lang) };
  return renderToStaticMarkup(
    <I18nContext value={i18n}>
      <ExportStatus state={state} />
    </I18nContext>,
  ).replace(/\u202f|\u00a0/g, ' ');
}

const error = (
  httpStatus: number,
  message = '',
  retryAfterMs: number | null = null,
): ExportDownloadState => ({
  status: 'error',
  httpStatus,
  code: 'x',
  message,
  retryAfterMs,
});

describe('the Exports page’s status', () => {
  it('shows progress against Content-Length, or the bytes received when the size is unknown', () => {
    const known = render({ status: 'working', progress: { received: 300_000, total: 1_200_000 } });
    expect(known).toContain(
      '<progress aria-label="Progression du téléchargement" value="300000" max="1200000">',
    );
    expect(known).toContain('Reçu : 300 ko sur 1,2 Mo (25 %)');
    const unknown = render({ status: 'working', progress: { received: 2500, total: null } }, 'en');
    expect(unknown).toMatch(/<progress aria-label="Download progress"><\/progress>/);
    expect(unknown).toContain('Received: 2.5 kB');
    expect(render({ status: 'done', fileName: 'menage.csv', bytes: 12_000 })).toContain(
      'Fichier menage.csv téléchargé (12 ko).',
    );
  });

  it('says in words what went wrong, with the server’s message when it says what to change', () => {
    expect(render(error(0))).toContain('Pas de réponse du serveur');
    expect(render(error(401), 'en')).toContain('Your session has expired');
    const refused = render(error(403, 'IATI files are for supervisors'));
    expect(refused).toContain('role="alert"');
    expect(refused).toContain('Vous n’avez pas le droit de faire cet export.');
    expect(refused).toContain('Message du serveur : IATI files are for supervisors');
    expect(render(error(429, '', 30_000))).toContain('réessayez dans 30 s');
    expect(render(error(503, 'down'), 'en')).toContain('(error 503)');
    expect(render(error(503, 'down'), 'en')).not.toContain('down');
  });
});
