/** Put in by the build (vite.config.ts `define`); undeclared elsewhere (unit tests, tsx scripts). */
declare const __TERRAIN_VERSION__: string | undefined;

/**
 * The app's version (package.json's), which devices report to the server for the operator's list of
 * devices; `dev` where no build put it in.
 */
export const APP_VERSION: string = typeof __TERRAIN_VERSION__ === 'string' ? __TERRAIN_VERSION__ : 'dev';
