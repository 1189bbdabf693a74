import { toNumber, type XValue } from '../values';
import { binary, eager, unary, type FunctionTable } from './spec';

/**
 * ODK's round(number, digits?): half away from zero, on the decimal digits the number is written with (so
 * round(1.005, 2) is 1.01 as on paper, not 1 as binary floating point would give). Negative digits round
 * to tens, hundreds…
 */
export function roundHalfAway(x: number, digits: number): number {
  if (!Number.isFinite(x) || Number.isNaN(digits)) return Number.isNaN(digits) ? NaN : x;
  const places = Math.trunc(digits);
  const shift = (n: number, by: number): number => {
    const [mantissa = '', exp = '0'] = String(n).split('e');
    return Number(`${mantissa}e${Number(exp) + by}`);
  };
  const magnitude = Math.floor(shift(Math.abs(x), places) + 0.5);
  const rounded = shift(magnitude, -places);
  return x < 0 ? -rounded : rounded;
}

function round(values: XValue[]): XValue {
  const digits = values[1] === undefined ? 0 : toNumber(values[1]);
  return roundHalfAway(toNumber(values[0] ?? NaN), digits);
}

export const numberFunctions: FunctionTable = {
  number: unary(toNumber),
  /** int() truncates toward zero (ODK); NaN and infinities pass through. */
  int: unary((v) => Math.trunc(toNumber(v))),
  round: eager(1, 2, round),
  floor: unary((v) => Math.floor(toNumber(v))),
  ceiling: unary((v) => Math.ceil(toNumber(v))),
  abs: unary((v) => Math.abs(toNumber(v))),
  pow: binary((a, b) => Math.pow(toNumber(a), toNumber(b))),
};
