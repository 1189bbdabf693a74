import { z } from 'zod/mini';

/**
 * The ISO 4217 currencies a transaction may be in (IATI's Currency codelist is ISO 4217): the codes in use
 * today as ICU lists them, which keeps a few recently withdrawn ones older records may name (HRK, SLL, ZWL).
 * One string rather than an array literal: this module ships in the field agent's bundle.
 */
const ISO_4217 = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD ' +
    'CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF ' +
    'GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK ' +
    'LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR ' +
    'PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC ' +
    'SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XDR XOF XPF ' +
    'YER ZAR ZMW ZWG ZWL'
  ).split(' '),
);

export const isIso4217 = (code: string): boolean => ISO_4217.has(code);

/** An ISO 4217 currency code in use (XOF, EUR, USD…). */
export const Iso4217 = z
  .string()
  .check(z.refine(isIso4217, 'Not an ISO 4217 currency code (XOF, EUR, USD…)'));
