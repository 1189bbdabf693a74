import { z } from 'zod/mini';

/**
 * zod/mini ships without messages ("Invalid input") to keep the browser bundle small. The server keeps the
 * English messages classic zod had, for the issues it returns to clients and prints in its CLIs. Server
 * only: never import this from code shipped to the browser.
 */
z.config(z.locales.en());
