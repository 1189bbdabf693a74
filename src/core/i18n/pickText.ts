// Apart from localized.ts and free of zod: the public site (src/app/public) imports it, and zod lives in the
// signed-in app's chunk, which a visitor should not download.

/** The text in `lang`, else in `fallback`, else in any language present, else ''. */
export function pickText(
  text: Readonly<Record<string, string>> | undefined,
  lang: string,
  fallback = 'en',
): string {
  if (!text) return '';
  return text[lang] ?? text[fallback] ?? Object.values(text)[0] ?? '';
}
