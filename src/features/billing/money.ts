// Money is integer fen everywhere (architecture). Rounding happens here and only here: half up to
// the fen for one amount, largest remainder when a total is shared, so shares always sum exactly.

/** 18000 → "180.00"; −7200 → "-72.00". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * "180", "180.5", "180.50" → 18000, 18050; anything with a fraction of a fen, a sign, or not a
 * number → null (the caller answers with a validation message).
 */
export function parseYuan(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** fen × numerator ÷ denominator, rounded half up to the fen (non-negative amounts and factors). */
export function mulDiv(fen: number, numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  if (!Number.isSafeInteger(fen) || !Number.isSafeInteger(numerator))
    throw new RangeError('mulDiv takes integers');
  const sign = Math.sign(fen) * Math.sign(numerator) || 1;
  const product = BigInt(Math.abs(fen)) * BigInt(Math.abs(numerator));
  const d = BigInt(denominator);
  const rounded = (product * 2n + d) / (2n * d);
  return sign * Number(rounded);
}

/** A percentage of an amount, half up: percentOf(18000, 50) → 9000. */
export function percentOf(fen: number, percent: number): number {
  return mulDiv(fen, percent, 100);
}

/**
 * Shares `total` fen in proportion to `weights` (non-negative integers), each share rounded down,
 * then the fen left over go one each to the largest remainders (ties: the earlier weight). The
 * shares always sum exactly to `total`. All weights 0 → all shares 0 unless total is 0 too.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer');
  const sum = weights.reduce((a, w) => a + w, 0);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new RangeError('weights must be integers ≥ 0');
  if (sum === 0) {
    if (total !== 0) throw new RangeError('cannot share a non-zero total over zero weights');
    return weights.map(() => 0);
  }
  const bigTotal = BigInt(total);
  const bigSum = BigInt(sum);
  const shares = weights.map((w) => Number((bigTotal * BigInt(w)) / bigSum));
  const remainders = weights.map((w, i) => ({ i, r: (bigTotal * BigInt(w)) % bigSum }));
  let left = total - shares.reduce((a, s) => a + s, 0);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}
