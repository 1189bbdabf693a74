/**
 * The app's version (package.json's, put in by the build: vite.config.ts), which devices report to the
 * server for the operator's list of devices. `dev` where no build put it (unit tests).
 */
export const APP_VERSION: string = (import.meta.env.VITE_APP_VERSION as string | undefined) ?? 'dev';
