/**
 * MD5, SHA-1 and SHA-256 in plain TypeScript, for digest() and randomize()'s seed from text. The engine is
 * synchronous and Web Crypto's digest is not, so the algorithms are here (about 1 KB gzip, no dependency).
 * One function does the Merkle–Damgård padding; each algorithm is its compression function.
 */

type Compress = (state: number[], w: Uint32Array) => void;

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** Pads `bytes` (64-byte blocks, the bit length at the end in the algorithm's byte order) and runs `compress`. */
function hash(bytes: Uint8Array, init: number[], compress: Compress, littleEndian: boolean): Uint8Array {
  const blocks = ((bytes.length + 8) >> 6) + 1;
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = bytes.length * 8;
  const end = padded.length - 8;
  // Lengths beyond 2^32 bits (512 MB) are not expected in a form field.
  view.setUint32(littleEndian ? end : end + 4, bits >>> 0, littleEndian);
  view.setUint32(littleEndian ? end + 4 : end, Math.floor(bits / 2 ** 32), littleEndian);
  const state = [...init];
  const w = new Uint32Array(80);
  for (let b = 0; b < padded.length; b += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(b + i * 4, littleEndian);
    compress(state, w);
  }
  const out = new DataView(new ArrayBuffer(state.length * 4));
  state.forEach((s, i) => out.setUint32(i * 4, s >>> 0, littleEndian));
  return new Uint8Array(out.buffer);
}

const K256 = Array.from({ length: 64 }, (_, i) => {
  // The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
  const primes: number[] = [];
  for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  const root = Math.cbrt(primes[i] ?? 2);
  return Math.floor((root - Math.floor(root)) * 2 ** 32) | 0;
});

const sha256Compress: Compress = (s, w) => {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15] ?? 0;
    const b = w[i - 2] ?? 0;
    const s0 = rotl(a, 25) ^ rotl(a, 14) ^ (a >>> 3);
    const s1 = rotl(b, 15) ^ rotl(b, 13) ^ (b >>> 10);
    w[i] = (w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1;
  }
  let [a, b, c, d, e, f, g, h] = s as [number, number, number, number, number, number, number, number];
  for (let i = 0; i < 64; i++) {
    const t1 =
      (h + (rotl(e, 26) ^ rotl(e, 21) ^ rotl(e, 7)) + ((e & f) ^ (~e & g)) + (K256[i] ?? 0) + (w[i] ?? 0)) |
      0;
    const t2 = ((rotl(a, 30) ^ rotl(a, 19) ^ rotl(a, 10)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
  }
  [a, b, c, d, e, f, g, h].forEach((v, i) => (s[i] = ((s[i] ?? 0) + v) | 0));
};

const sha1Compress: Compress = (s, w) => {
  for (let i = 16; i < 80; i++)
    w[i] = rotl((w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0), 1);
  let [a, b, c, d, e] = s as [number, number, number, number, number];
  for (let i = 0; i < 80; i++) {
    const q = Math.floor(i / 20);
    const f = q === 0 ? (b & c) | (~b & d) : q === 2 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
    const k = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6][q] ?? 0;
    [e, d, c, b, a] = [d, c, rotl(b, 30), a, (rotl(a, 5) + f + e + k + (w[i] ?? 0)) | 0];
  }
  [a, b, c, d, e].forEach((v, i) => (s[i] = ((s[i] ?? 0) + v) | 0));
};

const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

const md5Compress: Compress = (s, w) => {
  let [a, b, c, d] = s as [number, number, number, number];
  for (let i = 0; i < 64; i++) {
    const q = i >> 4;
    const f =
      q === 0 ? (b & c) | (~b & d) : q === 1 ? (d & b) | (~d & c) : q === 2 ? b ^ c ^ d : c ^ (b | ~d);
    const g = q === 0 ? i : q === 1 ? (5 * i + 1) % 16 : q === 2 ? (3 * i + 5) % 16 : (7 * i) % 16;
    const shift = MD5_SHIFTS[q * 4 + (i % 4)] ?? 0;
    [a, d, c, b] = [d, c, b, (b + rotl((a + f + (MD5_K[i] ?? 0) + (w[g] ?? 0)) | 0, shift)) | 0];
  }
  [a, b, c, d].forEach((v, i) => (s[i] = ((s[i] ?? 0) + v) | 0));
};

const SHA_INIT = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];

export const HASHES: Readonly<Record<string, (bytes: Uint8Array) => Uint8Array>> = {
  MD5: (bytes) => hash(bytes, SHA_INIT, md5Compress, true),
  'SHA-1': (bytes) => hash(bytes, [...SHA_INIT, 0xc3d2e1f0], sha1Compress, false),
  'SHA-256': (bytes) =>
    hash(
      bytes,
      [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
      sha256Compress,
      false,
    ),
};
