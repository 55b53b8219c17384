// rule STAFF-6: outside staff review (an institution's staff also need it approved, DIST-2).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors';
import {
  type CheckRecord,
  checkInstitutionUse,
  checkKinds,
  checkStates,
  eventAfterCheck,
  hasLapsed,
  maskIdNumber,
  maskPhone,
  outsideRosterable,
  outsideTransition,
  outstandingChecks,
} from './outside-rules';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
  return null;
};
const all = (at = '2026-09-01T00:00:00Z', validUntil: string | null = null): CheckRecord[] =>
  checkKinds.map((kind) => ({ kind, passed: true, validUntil, recordedAt: at }));
const today = '2026-09-10';

describe('checks', () => {
  it('the latest record of each check counts; expiry is by date', () => {
    const records: CheckRecord[] = [
      ...all(),
      { kind: 'health', passed: false, validUntil: null, recordedAt: '2026-09-02T00:00:00Z' },
      { kind: 'agreement', passed: true, validUntil: '2026-09-09', recordedAt: '2026-09-02T00:00:00Z' },
    ];
    expect(checkStates(records, today)).toEqual({
      qualification: 'passed',
      agreement: 'expired',
      safety_training: 'passed',
      no_bad_record: 'passed',
      health: 'failed',
    });
    expect(outstandingChecks(records, today)).toEqual(['agreement', 'health']);
    expect(outstandingChecks([], today)).toEqual([...checkKinds]);
    // A correction: a later pass replaces the failure.
    records.push({ kind: 'health', passed: true, validUntil: null, recordedAt: '2026-09-03T00:00:00Z' });
    expect(outstandingChecks(records, today)).toEqual(['agreement']);
  });
});

describe('outside staff status', () => {
  it('approval needs all five checks passed and in date', () => {
    expect(codeOf(() => outsideTransition('under_review', 'approve', all().slice(0, 4), today))).toBe(
      'OUTSIDE_CHECKS_OUTSTANDING',
    );
    expect(
      codeOf(() => outsideTransition('under_review', 'approve', all(undefined, '2026-09-01'), today)),
    ).toBe('OUTSIDE_CHECKS_OUTSTANDING');
    expect(outsideTransition('under_review', 'approve', all(), today)).toBe('approved');
    expect(outsideTransition('suspended', 'reinstate', all(), today)).toBe('approved');
    expect(codeOf(() => outsideTransition('suspended', 'reinstate', [], today))).toBe(
      'OUTSIDE_CHECKS_OUTSTANDING',
    );
  });

  it.each([
    ['registered', 'approve', null],
    ['registered', 'review', 'under_review'],
    ['under_review', 'reject', 'rejected'],
    ['approved', 'suspend', 'suspended'],
    ['approved', 'lapse', 'under_review'],
    ['approved', 'reject', null],
    ['rejected', 'reopen', 'under_review'],
    ['rejected', 'approve', null],
  ])('%s + %s → %s', (from, event, to) => {
    const run = () => outsideTransition(from as never, event as never, all(), today);
    if (to) expect(run()).toBe(to);
    else expect(codeOf(run)).toBe('INVALID_TRANSITION');
  });

  it('a recorded check opens the review, a failure sends an approved person back', () => {
    expect(eventAfterCheck('registered', true)).toBe('review');
    expect(eventAfterCheck('under_review', false)).toBeNull();
    expect(eventAfterCheck('approved', true)).toBeNull();
    expect(eventAfterCheck('approved', false)).toBe('lapse');
    expect(hasLapsed('approved', all(undefined, '2026-09-09'), today)).toBe(true);
    expect(hasLapsed('approved', all(), today)).toBe(false);
    expect(hasLapsed('under_review', [], today)).toBe(false);
  });
});

describe('who may be rostered', () => {
  const base = {
    status: 'approved' as const,
    kind: 'coach' as const,
    hasAccount: true,
    institutionStatus: null,
    allowPaidOutsideBodies: true,
  };
  it('approved with an account; an institution must be approved and paid bodies allowed', () => {
    expect(outsideRosterable(base)).toBe(true);
    expect(outsideRosterable({ ...base, status: 'suspended' })).toBe(false);
    expect(outsideRosterable({ ...base, hasAccount: false })).toBe(false);
    const staff = { ...base, kind: 'institution_staff' as const };
    expect(outsideRosterable({ ...staff, institutionStatus: 'approved' })).toBe(true);
    expect(outsideRosterable({ ...staff, institutionStatus: 'suspended' })).toBe(false);
    expect(
      outsideRosterable({ ...staff, institutionStatus: 'approved', allowPaidOutsideBodies: false }),
    ).toBe(false);
  });

  it('registering an institution’s staff checks the list and the school’s setting', () => {
    const approved = { name: '星火体育', status: 'approved' as const };
    expect(codeOf(() => checkInstitutionUse('institution_staff', approved, true))).toBeNull();
    expect(codeOf(() => checkInstitutionUse('institution_staff', null, true))).toBe(
      'OUTSIDE_INSTITUTION_REQUIRED',
    );
    expect(
      codeOf(() => checkInstitutionUse('institution_staff', { ...approved, status: 'applied' }, true)),
    ).toBe('INSTITUTION_NOT_APPROVED');
    expect(codeOf(() => checkInstitutionUse('institution_staff', approved, false))).toBe(
      'OUTSIDE_PAID_BODIES_FORBIDDEN',
    );
    expect(codeOf(() => checkInstitutionUse('coach', approved, true))).toBe(
      'OUTSIDE_INSTITUTION_ONLY_FOR_STAFF',
    );
    expect(codeOf(() => checkInstitutionUse('coach', null, false))).toBeNull();
  });
});

describe('masking', () => {
  it('keeps the first and last four of an ID number, and a phone’s ends', () => {
    expect(maskIdNumber('310101199001011234')).toBe('3101**********1234');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
