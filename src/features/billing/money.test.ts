// Money in fen (architecture; FEE-11): formatting, parsing, half-up rounding and largest-remainder
// shares. Table tests, then fast-check properties at 10,000 runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, formatYuan, mulDiv, parseYuan, percentOf } from './money';

const runs = { numRuns: 10_000 };

describe('formatYuan / parseYuan', () => {
  it.each([
    [18_000, '180.00'],
    [7_200, '72.00'],
    [5, '0.05'],
    [0, '0.00'],
    [-7_200, '-72.00'],
    [81_000, '810.00'],
  ])('%i fen → %s', (fen, text) => expect(formatYuan(fen)).toBe(text));

  it.each([
    ['180', 18_000],
    ['180.5', 18_050],
    ['180.50', 18_050],
    [' 3.5 ', 350],
    ['0.01', 1],
    ['180.005', null],
    ['-1', null],
    ['1e3', null],
    ['', null],
    ['abc', null],
  ])('%j → %j', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it('parse ∘ format is the identity on non-negative fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (fen) => parseYuan(formatYuan(fen)) === fen),
      runs,
    );
  });
});

describe('mulDiv and percentOf: half up to the fen', () => {
  it.each([
    [18_000, 1, 2, 9_000], // half a month of 180.00
    [18_000, 8, 20, 7_200], // pro rata: 8 of 20 days
    [1, 1, 2, 1], // 0.5 fen rounds up
    [1, 1, 3, 0],
    [18_000, 50, 100, 9_000],
    [33_333, 50, 100, 16_667],
  ])('%i × %i ÷ %i = %i', (fen, n, d, out) => expect(mulDiv(fen, n, d)).toBe(out));

  it('percentOf: 低保 50% of 810.00 is 405.00; 100% is the whole', () => {
    expect(percentOf(81_000, 50)).toBe(40_500);
    expect(percentOf(81_000, 100)).toBe(81_000);
    expect(percentOf(81_000, 0)).toBe(0);
  });

  it('refuses fractions and a zero denominator', () => {
    expect(() => mulDiv(1.5, 1, 2)).toThrow(RangeError);
    expect(() => mulDiv(100, 1, 0)).toThrow(RangeError);
  });

  it('is the exact quotient rounded half up, never off by more than half a fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (fen, n, d) => {
          const r = mulDiv(fen, n, d);
          const twice = 2n * BigInt(fen) * BigInt(n);
          // r − ½ ≤ fen·n/d < r + ½  ⇔  (2r − 1)·d ≤ 2·fen·n < (2r + 1)·d
          return BigInt(2 * r - 1) * BigInt(d) <= twice && twice < BigInt(2 * r + 1) * BigInt(d);
        },
      ),
      runs,
    );
  });
});

describe('allocate: largest remainder', () => {
  it.each([
    [18_000, [8, 12], [7_200, 10_800]],
    [100, [1, 1, 1], [34, 33, 33]],
    [10, [0, 0, 5], [0, 0, 10]],
    [0, [0, 0], [0, 0]],
    [1, [1, 1], [1, 0]], // a tie goes to the earlier weight
  ])('%i over %j → %j', (total, weights, shares) => expect(allocate(total, weights)).toEqual(shares));

  it('refuses a non-zero total over zero weights, negative totals and weights', () => {
    expect(() => allocate(1, [0, 0])).toThrow(RangeError);
    expect(() => allocate(-1, [1])).toThrow(RangeError);
    expect(() => allocate(1, [-1, 2])).toThrow(RangeError);
  });

  it('pro-rata shares sum exactly to the total, each within a fen of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 40 }),
        (total, raw) => {
          const weights = raw.every((w) => w === 0) ? [...raw.slice(1), 1] : raw;
          const shares = allocate(total, weights);
          const sum = weights.reduce((a, w) => a + w, 0);
          if (shares.reduce((a, s) => a + s, 0) !== total) return false;
          return shares.every((s, i) => {
            const exact = (total * weights[i]!) / sum;
            return s >= 0 && s >= Math.floor(exact) && s <= Math.floor(exact) + 1;
          });
        },
      ),
      runs,
    );
  });
});
