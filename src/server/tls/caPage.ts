import type { UiLanguage } from '../../core/i18n/uiLanguages';

const escape = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

interface CaPageStrings {
  title: string;
  intro: string;
  fingerprint: string;
  steps: string;
  download: string;
  install: string;
  open: (url: string) => string;
  once: string;
  warning: string;
  other: string;
}

const STRINGS: Record<UiLanguage, CaPageStrings> = {
  en: {
    title: 'Install the base’s certificate on a tablet',
    intro:
      'This server has its own certificate authority, made on the base’s computer. Install it once on each tablet: Chrome then trusts the server, and the app can be installed and work offline.',
    fingerprint: 'Fingerprint (SHA-256) of the authority, to compare with what the administrator was shown:',
    steps: 'On the tablet (Android)',
    download: 'Download the certificate',
    install:
      'Open Settings › Security › Encryption &amp; credentials › Install a certificate › CA certificate (on some tablets: Security &amp; privacy › More security settings), accept the warning, and choose the file terrain-ca.crt from Downloads.',
    open: (url) =>
      `In Chrome, open <a href="${url}">${url}</a>, sign in, then install the app (menu ⋮ › Install app).`,
    once: 'When the server’s certificate is renewed, the authority stays the same: there is nothing to do again.',
    warning:
      'Install only the authority of your own base: whoever holds its key could impersonate websites to this tablet.',
    other: 'Français',
  },
  fr: {
    title: 'Installer le certificat de la base sur une tablette',
    intro:
      'Ce serveur a sa propre autorité de certification, créée sur l’ordinateur de la base. Installez-la une fois sur chaque tablette : Chrome fait alors confiance au serveur, et l’application peut être installée et fonctionner hors ligne.',
    fingerprint: 'Empreinte (SHA-256) de l’autorité, à comparer avec celle qu’a reçue l’administrateur :',
    steps: 'Sur la tablette (Android)',
    download: 'Télécharger le certificat',
    install:
      'Ouvrez Paramètres › Sécurité › Chiffrement et identifiants › Installer un certificat › Certificat CA (sur certaines tablettes : Sécurité et confidentialité › Plus de paramètres de sécurité), acceptez l’avertissement, et choisissez le fichier terrain-ca.crt dans Téléchargements.',
    open: (url) =>
      `Dans Chrome, ouvrez <a href="${url}">${url}</a>, connectez-vous, puis installez l’application (menu ⋮ › Installer l’application).`,
    once: 'Quand le certificat du serveur est renouvelé, l’autorité reste la même : il n’y a rien à refaire.',
    warning:
      'N’installez que l’autorité de votre propre base : qui détient sa clé pourrait se faire passer pour des sites web auprès de cette tablette.',
    other: 'English',
  },
};

/**
 * The page that explains how to install the local authority on Android tablets (GET /ca): plain HTML with
 * no script or style, so the strict Content-Security-Policy holds and it reads on any browser.
 */
export function caPageHtml(language: UiLanguage, appUrl: string, fingerprint: string): string {
  const s = STRINGS[language];
  const url = escape(appUrl);
  const other: UiLanguage = language === 'fr' ? 'en' : 'fr';
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${s.title} — Terrain</title>
</head>
<body>
<main>
<h1>${s.title}</h1>
<p>${s.intro}</p>
<h2>${s.steps}</h2>
<ol>
<li><a href="/ca.crt" download="terrain-ca.crt">${s.download}</a> (terrain-ca.crt)</li>
<li>${s.install}</li>
<li>${s.open(url)}</li>
</ol>
<p>${s.once}</p>
<p>${s.fingerprint}<br><code>${escape(fingerprint).replaceAll(':', ':<wbr>')}</code></p>
<p><strong>${s.warning}</strong></p>
<p><a href="/ca?lang=${other}" lang="${other}" hreflang="${other}">${s.other}</a></p>
</main>
</body>
</html>
`;
}
