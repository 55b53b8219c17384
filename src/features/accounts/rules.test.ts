import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeFromRandomBytes,
  loginLock,
  looksLikePhone,
  normaliseSetupCode,
  setupCodeAlphabet,
} from './rules';

const limits = { maxFailuresPerAccount: 5, maxFailuresPerAddress: 30, windowMinutes: 15 };
const now = new Date('2026-09-01T08:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

describe('login lock', () => {
  it('is open below the limit', () => {
    expect(loginLock([1, 2, 3, 4].map(minutesAgo), [], limits, now)).toEqual({
      locked: false,
      retryAfterMinutes: 0,
    });
  });

  it('locks at the fifth failure until the oldest counted one leaves the window', () => {
    expect(loginLock([1, 2, 3, 4, 5].map(minutesAgo), [], limits, now)).toEqual({
      locked: true,
      retryAfterMinutes: 10,
    });
  });

  it('ignores failures older than the window', () => {
    expect(loginLock([1, 2, 3, 4, 16, 20].map(minutesAgo), [], limits, now).locked).toBe(false);
  });

  it('locks an address after 30 failures across accounts', () => {
    const many = Array.from({ length: 30 }, (_, i) => minutesAgo(i / 3));
    expect(loginLock([], many, limits, now).locked).toBe(true);
  });

  it('never locks for longer than the window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 40 }), (ages) => {
        const lock = loginLock(ages.map(minutesAgo), [], limits, now);
        expect(lock.retryAfterMinutes).toBeLessThanOrEqual(15);
        expect(lock.locked).toBe(ages.filter((a) => a < 15).length >= 5);
      }),
    );
  });
});

describe('one-time codes', () => {
  it('uses only unambiguous characters and has 8 of them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const code = codeFromRandomBytes(bytes);
        expect(code.length).toBeLessThanOrEqual(8);
        expect([...code].every((c) => setupCodeAlphabet.includes(c))).toBe(true);
        expect(code).not.toMatch(/[01OIL]/);
      }),
    );
  });

  it('forgives case, spaces and dashes when typed', () => {
    expect(normaliseSetupCode(' abcd-ef 23 ')).toBe('ABCDEF23');
  });

  it('tells phones from usernames', () => {
    expect(looksLikePhone('138 1234 5678')).toBe(true);
    expect(looksLikePhone('admin')).toBe(false);
  });
});
