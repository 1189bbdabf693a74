import type { UiLanguage } from '../../core/i18n/uiLanguages';
import { registerPageStrings } from './translate';

/**
 * The sign-in page's strings. A field agent signs in once, online, and then works signed in for weeks: the
 * page and its strings load with it, off the JavaScript counted for opening the app and filling a form
 * (GUIDE §4). See pageStrings.ts for how `t` finds them.
 */
export const signInFr = {
  'signIn.title': 'Connexion',
  'signIn.intro': 'La première connexion nécessite le réseau. Ensuite, Terrain fonctionne hors ligne.',
  'signIn.username': "Nom d'utilisateur",
  'signIn.password': 'Mot de passe',
  'signIn.submit': 'Se connecter',
  'signIn.submitting': 'Connexion…',
  'signIn.missing': "Saisissez votre nom d'utilisateur et votre mot de passe.",
  'signIn.offline':
    'Vous êtes hors ligne. La connexion nécessite le réseau une fois : connectez-vous à Internet puis réessayez.',
  'signIn.error.invalidCredentials': "Nom d'utilisateur ou mot de passe incorrect.",
  'signIn.error.unreachable': 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
  'signIn.error.rateLimited': 'Trop de tentatives. Patientez un moment puis réessayez.',
  'signIn.error.rateLimitedUntil': 'Trop de tentatives de connexion. Réessayez dans {wait} (à {time}).',
  'signIn.error.other': 'La connexion a échoué : {message}',
};

const signInEn: Record<keyof typeof signInFr, string> = {
  'signIn.title': 'Sign in',
  'signIn.intro': 'The first sign-in needs the network. After that, Terrain works offline.',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.missing': 'Enter your username and password.',
  'signIn.offline':
    'You are offline. Signing in needs the network once: connect to the internet and try again.',
  'signIn.error.invalidCredentials': 'Wrong username or password.',
  'signIn.error.unreachable': 'The server cannot be reached. Check the connection and try again.',
  'signIn.error.rateLimited': 'Too many attempts. Wait a moment and try again.',
  'signIn.error.rateLimitedUntil': 'Too many sign-in attempts. Try again in {wait} (at {time}).',
  'signIn.error.other': 'Sign-in failed: {message}',
};

const SIGN_IN_STRINGS: Record<UiLanguage, Record<string, string>> = { fr: signInFr, en: signInEn };
registerPageStrings(SIGN_IN_STRINGS);
