/**
 * What an IATI file says that Terrain's records do not hold: one value for every activity, chosen for aid
 * projects in Mali, which a deployment may change (the server reads IATI_* environment variables, see
 * src/server/export/iatiSettings.ts and the README's IATI section).
 */
export interface IatiDefaults {
  /** ISO 3166-1 alpha-2 country every activity benefits, at 100 % (`recipient-country`). */
  recipientCountry: string;
  /**
   * The OECD DAC region (RegionVocabulary 1) the country lies in, written at 0 %: the country holds the whole
   * 100 %. IATI's reference rules (IATI-Rulesets' only_one_of) ask for an activity-level region as soon as
   * no transaction names one; 0 % says it adds no share of its own.
   */
  recipientRegion: string;
  /** ISO 4217 currency of a project with no budget line (a project's first budget line's currency wins). */
  currency: string;
  /** CollaborationType: 1 bilateral. */
  collaborationType: string;
  /** FlowType: 10 ODA. */
  flowType: string;
  /** FinanceType: 110 standard grant. */
  financeType: string;
  /** AidType (vocabulary 1, OECD DAC): C01 project-type interventions. */
  aidType: string;
}

export const IATI_DEFAULTS: Readonly<IatiDefaults> = {
  recipientCountry: 'ML',
  // 289: South of Sahara, regional.
  recipientRegion: '289',
  currency: 'XOF',
  collaborationType: '1',
  flowType: '10',
  financeType: '110',
  aidType: 'C01',
};

/**
 * Whether a project is humanitarian (IATI's `humanitarian="1"`): one of its DAC sectors is in 720 emergency
 * response, 730 reconstruction relief and rehabilitation, or 740 disaster prevention and preparedness.
 */
export function isHumanitarian(sectors: readonly { code: string }[]): boolean {
  return sectors.some((s) => /^7[234]0\d\d$/.test(s.code));
}
