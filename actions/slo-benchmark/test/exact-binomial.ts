// Exact binomial probabilities in rational arithmetic (BigInt), the reference the double-precision
// statistics are tested against. Probabilities are fractions num/den; results are compared
// exactly, or turned into a double only at the end.

export interface Fraction {
  num: bigint;
  den: bigint;
}

function binomials(n: number): bigint[] {
  const row = [1n];
  for (let i = 1; i <= n; i++) row.push((row[i - 1]! * BigInt(n - i + 1)) / BigInt(i));
  return row;
}

/** P(X = i) for every i, X ~ Binomial(n, p), as numerators over the common denominator den^n. */
export function exactTerms(n: number, p: Fraction): { numerators: bigint[]; denominator: bigint } {
  const row = binomials(n);
  const q = p.den - p.num;
  const numerators = row.map((c, i) => c * p.num ** BigInt(i) * q ** BigInt(n - i));
  return { numerators, denominator: p.den ** BigInt(n) };
}

/** P(X ≤ k), exactly. */
export function exactAtMost(k: number, n: number, p: Fraction): Fraction {
  const { numerators, denominator } = exactTerms(n, p);
  let num = 0n;
  for (let i = 0; i <= Math.min(k, n); i++) num += numerators[i]!;
  return { num, den: denominator };
}

/** P(X ≥ k), exactly. */
export function exactAtLeast(k: number, n: number, p: Fraction): Fraction {
  const { numerators, denominator } = exactTerms(n, p);
  let num = 0n;
  for (let i = Math.max(k, 0); i <= n; i++) num += numerators[i]!;
  return { num, den: denominator };
}

/** a ≤ b, exactly. */
export function atMost(a: Fraction, b: Fraction): boolean {
  return a.num * b.den <= b.num * a.den;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** The fraction as the nearest double (tiny values keep their relative precision). */
export function toNumber(f: Fraction): number {
  if (f.num === 0n) return 0;
  const shift = bitLength(f.den) - bitLength(f.num) + 64;
  const scaled = shift >= 0 ? (f.num << BigInt(shift)) / f.den : f.num / (f.den << BigInt(-shift));
  return Number(scaled) * 2 ** -shift;
}

/** |a − b| relative to b, in doubles. */
export function relativeGap(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}
