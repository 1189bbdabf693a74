import { z } from 'zod/mini';
import { IATI_DEFAULTS, type IatiDefaults } from '../../core/export/iatiDefaults';

/**
 * The IATI defaults a deployment may change by environment variables (IATI_DEFAULTS in
 * src/core/export/iatiDefaults.ts says what each one means); unset ones keep Terrain's defaults.
 */
const ENV: Record<keyof IatiDefaults, [string, z.ZodMiniString]> = {
  recipientCountry: ['IATI_RECIPIENT_COUNTRY', z.string().check(z.regex(/^[A-Z]{2}$/))],
  recipientRegion: ['IATI_RECIPIENT_REGION', z.string().check(z.regex(/^\d{3}$/))],
  currency: ['IATI_DEFAULT_CURRENCY', z.string().check(z.regex(/^[A-Z]{3}$/))],
  collaborationType: ['IATI_COLLABORATION_TYPE', z.string().check(z.regex(/^\d$/))],
  flowType: ['IATI_FLOW_TYPE', z.string().check(z.regex(/^\d{2}$/))],
  financeType: ['IATI_FINANCE_TYPE', z.string().check(z.regex(/^\d{1,4}$/))],
  aidType: ['IATI_AID_TYPE', z.string().check(z.regex(/^[A-H]\d{2}$/))],
};

export function iatiSettings(env: Record<string, string | undefined>): IatiDefaults {
  const out: IatiDefaults = { ...IATI_DEFAULTS };
  for (const [key, [name, schema]] of Object.entries(ENV) as [
    keyof IatiDefaults,
    [string, z.ZodMiniString],
  ][]) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    if (!schema.safeParse(text).success)
      throw new Error(`${name}=${text} is not a valid IATI code (see the README's IATI section)`);
    out[key] = text;
  }
  return out;
}

/** An absolute http(s) address with no query, fragment or trailing slash. */
const PublicUrl = z.pipe(
  z.url({ protocol: /^https?$/ }),
  z.transform((url) => url.replace(/\/+$/, '')),
);

/**
 * IATI_PUBLIC_URL: the address the public site is reached at (`https://terrain.example.org`), which IATI's
 * document links are written under (they must be absolute). Unset: the IATI files carry no document links.
 */
export function iatiPublicUrl(env: Record<string, string | undefined>): string | null {
  const text = env.IATI_PUBLIC_URL;
  if (text === undefined || text === '') return null;
  const parsed = PublicUrl.safeParse(text);
  if (!parsed.success || /[?#]/.test(text))
    throw new Error(`IATI_PUBLIC_URL=${text} is not an http(s) address (see the README's IATI section)`);
  return parsed.data;
}
