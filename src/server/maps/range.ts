/**
 * The one range of a `Range: bytes=…` header (RFC 9110 §14): `a-b`, `a-` or the last `-n` bytes, `end`
 * clamped to the file. `undefined`: no range asked, or one this server does not split (several ranges, or
 * another unit), so the whole file goes; `unsatisfiable`: a range outside the file or malformed (416).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!match) return undefined;
  const specs = match[1]!.split(',').map((spec) => spec.trim());
  if (specs.length !== 1) return undefined;
  const spec = /^(\d{0,15})-(\d{0,15})$/.exec(specs[0]!);
  if (!spec || (spec[1] === '' && spec[2] === '')) return 'unsatisfiable';
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
