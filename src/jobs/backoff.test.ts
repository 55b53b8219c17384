import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, isExhausted } from './backoff';

const opts = { baseMs: 1000, maxMs: 60_000 };

describe('backoff', () => {
  it('doubles from the base with no jitter at the midpoint', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 0.5, opts))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('is capped at the maximum however many attempts', () => {
    expect(backoffMs(7, 0.5, opts)).toBe(60_000);
    expect(backoffMs(1000, 0.99, opts)).toBe(60_000);
  });

  it('stays within ±25% of the nominal delay and never above the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (a, r) => {
        const d = backoffMs(a, r, opts);
        const nominal = Math.min(1000 * 2 ** Math.min(a - 1, 30), 60_000);
        return d >= Math.floor(nominal * 0.75) && d <= Math.min(nominal * 1.25, 60_000);
      }),
    );
  });

  it('gives up when the attempts reach the maximum', () => {
    expect(isExhausted(2, 3)).toBe(false);
    expect(isExhausted(3, 3)).toBe(true);
  });
});
