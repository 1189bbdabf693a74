/**
 * The languages Terrain's interface speaks. Form content may carry more languages than these. Apart from
 * `localized.ts` (which needs zod) so that the sign-in page's start-up code carries no validation library.
 */
export const UI_LANGUAGES = ['fr', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
