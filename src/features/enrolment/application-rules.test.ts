// Unit tests of the application rules: the window, choices (ENR-3), conditions (ENR-5), the
// public reference, school-local dates and the withdrawal notice (ENR-6).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import {
  addDays,
  applicationStep,
  assertWithdrawalNotice,
  checkConditions,
  choicesFromLines,
  linesFromChoices,
  localDate,
  localDateTime,
  newPublicRef,
  parseTermConditions,
  publicRefAlphabet,
  windowClosedError,
  windowState,
} from './application-rules';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('window', () => {
  const term = { windowOpensAt: '2026-09-01T00:00:00.000Z', windowClosesAt: '2026-09-08T00:00:00.000Z' };
  it('is open only between the times, and only with a published notice (PROG-7)', () => {
    expect(windowState(term, true, new Date('2026-08-31T23:59:59Z'))).toBe('not_yet');
    expect(windowState(term, true, new Date('2026-09-01T00:00:00Z'))).toBe('open');
    expect(windowState(term, true, new Date('2026-09-07T23:59:59Z'))).toBe('open');
    expect(windowState(term, true, new Date('2026-09-08T00:00:00Z'))).toBe('closed');
    expect(windowState(term, false, new Date('2026-09-02T00:00:00Z'))).toBe('not_published');
  });

  it('names the local time in refusals', () => {
    const early = windowClosedError(term, 'not_yet', 'Asia/Shanghai');
    expect(early.code).toBe('ENROLMENT_NOT_OPEN');
    expect(early.params).toEqual({ opensAt: '2026-09-01 08:00' });
    expect(windowClosedError(term, 'closed', 'Asia/Shanghai').params).toEqual({
      closesAt: '2026-09-08 08:00',
    });
    expect(windowClosedError(term, 'not_published', 'Asia/Shanghai').code).toBe('ENROLMENT_NO_NOTICE');
  });
});

describe('choices (ENR-3)', () => {
  const offerings = new Map([
    ['hw', { name: '作业辅导' }],
    ['fb', { name: '足球' }],
    ['ch', { name: '围棋' }],
  ]);

  it('numbers groups and ranks, and reads back the same', () => {
    const choices = [{ offeringIds: ['hw'] }, { offeringIds: ['fb', 'ch'] }];
    const lines = linesFromChoices(choices, offerings);
    expect(lines).toEqual([
      { offeringId: 'hw', choiceGroup: 1, choiceRank: 1 },
      { offeringId: 'fb', choiceGroup: 2, choiceRank: 1 },
      { offeringId: 'ch', choiceGroup: 2, choiceRank: 2 },
    ]);
    expect(choicesFromLines([...lines].reverse())).toEqual(choices);
  });

  it('refuses an offering of another term, naming it, and any offering twice', () => {
    try {
      linesFromChoices([{ offeringIds: ['zz'] }], offerings);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('UNKNOWN_OFFERING');
      expect((error as AppError).params).toEqual({ offeringId: 'zz' });
    }
    expect(
      codeOf(() => linesFromChoices([{ offeringIds: ['fb'] }, { offeringIds: ['ch', 'fb'] }], offerings)),
    ).toBe('DUPLICATE_OFFERING');
  });
});

describe('conditions (ENR-5)', () => {
  const conditions = parseTermConditions(
    JSON.stringify([
      { key: 'healthy', text: '身体健康', needsProof: false },
      { key: 'insurance', text: '已投保人身保险', needsProof: true },
    ]),
  );

  it('needs every condition confirmed and a proof where asked', () => {
    const ok = checkConditions(
      conditions,
      [
        { key: 'healthy', confirmed: true },
        { key: 'insurance', confirmed: true, proof: ' P-123 ' },
        { key: 'unknown', confirmed: true },
      ],
      true,
    );
    expect(ok).toEqual([
      { key: 'healthy', confirmed: true },
      { key: 'insurance', confirmed: true, proof: 'P-123' },
    ]);
    expect(
      codeOf(() => checkConditions(conditions, [{ key: 'insurance', confirmed: true, proof: 'x' }], true)),
    ).toBe('CONDITION_NOT_CONFIRMED');
    expect(
      codeOf(() =>
        checkConditions(
          conditions,
          [
            { key: 'healthy', confirmed: true },
            { key: 'insurance', confirmed: true, proof: '  ' },
          ],
          true,
        ),
      ),
    ).toBe('CONDITION_PROOF_MISSING');
  });

  it('lets a draft be incomplete', () => {
    expect(checkConditions(conditions, [], false)).toEqual([]);
  });

  it('reads a malformed setting as no conditions', () => {
    expect(parseTermConditions('not json')).toEqual([]);
    expect(parseTermConditions('{}')).toEqual([]);
  });
});

describe('transitions in words', () => {
  it('names the current status in the reader language', () => {
    try {
      applicationStep('approved', 'sign', 'zh-CN');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).params).toEqual({ from: '学校已核准', event: '签署协议' });
      expect((error as AppError).details).toEqual({ status: 'approved', event: 'sign' });
    }
    expect(applicationStep('offered', 'sign', 'en')).toBe('agreed');
  });
});

describe('public reference', () => {
  it('is 8 unambiguous characters', () => {
    const refs = new Set(Array.from({ length: 1000 }, () => newPublicRef()));
    expect(refs.size).toBe(1000);
    for (const ref of refs) {
      expect(ref).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    }
    expect(publicRefAlphabet).not.toMatch(/[01OIL]/);
    expect(newPublicRef(() => 0)).toBe('22222222');
  });
});

describe('school-local dates and the withdrawal notice (ENR-6)', () => {
  it('takes the date in the school time zone', () => {
    expect(localDate(new Date('2026-09-01T17:00:00Z'), 'Asia/Shanghai')).toBe('2026-09-02');
    expect(localDate(new Date('2026-09-01T15:59:00Z'), 'Asia/Shanghai')).toBe('2026-09-01');
    expect(localDateTime('2026-09-01T00:30:00Z', 'Asia/Shanghai')).toBe('2026-09-01 08:30');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
  });

  it('needs at least the notice days', () => {
    expect(() => assertWithdrawalNotice('2026-09-08', '2026-09-01', 7)).not.toThrow();
    try {
      assertWithdrawalNotice('2026-09-07', '2026-09-01', 7);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('WITHDRAWAL_TOO_SOON');
      expect((error as AppError).params).toEqual({ days: 7, earliest: '2026-09-08' });
    }
  });
});
