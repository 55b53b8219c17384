// Outside staff (外聘人员, 家长义工; STAFF-6): the review as a state machine, the five checks, and
// masking of identity numbers; an institution's staff also need the institution approved on the
// district's list (DIST-2, whose state machine is in district/institutions-rules.ts). Pure, no
// clock: callers pass `today`.
import { AppError } from '../../server/errors';
import type { InstitutionStatus } from '../district/institutions-rules';

export const outsideKinds = ['coach', 'retired_teacher', 'volunteer_parent', 'institution_staff'] as const;
export type OutsideKind = (typeof outsideKinds)[number];

/** rule STAFF-6: qualification reviewed, agreement signed, safety training, no bad record, health. */
export const checkKinds = [
  'qualification',
  'agreement',
  'safety_training',
  'no_bad_record',
  'health',
] as const;
export type CheckKind = (typeof checkKinds)[number];

export const outsideStatuses = ['registered', 'under_review', 'approved', 'rejected', 'suspended'] as const;
export type OutsideStatus = (typeof outsideStatuses)[number];

/**
 * - `review`: the first check is recorded, the review has started;
 * - `approve`: the school approves (only with all five checks passed and in date);
 * - `reject`: the school turns the person down;
 * - `suspend` / `reinstate`: the school stops and restarts an approved person;
 * - `lapse`: a check failed or expired, so the person goes back under review;
 * - `reopen`: a rejected person is reviewed again (e.g. a missing document arrived).
 */
export const outsideEvents = [
  'review',
  'approve',
  'reject',
  'suspend',
  'reinstate',
  'lapse',
  'reopen',
] as const;
export type OutsideEvent = (typeof outsideEvents)[number];

export const outsideTransitions: Record<OutsideStatus, Partial<Record<OutsideEvent, OutsideStatus>>> = {
  registered: { review: 'under_review', reject: 'rejected' },
  under_review: { approve: 'approved', reject: 'rejected' },
  approved: { suspend: 'suspended', lapse: 'under_review' },
  suspended: { reinstate: 'approved', lapse: 'under_review', reject: 'rejected' },
  rejected: { reopen: 'under_review' },
};

export interface CheckRecord {
  kind: CheckKind;
  passed: boolean;
  validUntil: string | null;
  recordedAt: string;
}

/** The latest record of each check (a correction is a new record; the latest counts). */
export function latestChecks(records: CheckRecord[]): Map<CheckKind, CheckRecord> {
  const latest = new Map<CheckKind, CheckRecord>();
  for (const r of records) {
    const seen = latest.get(r.kind);
    if (!seen || r.recordedAt >= seen.recordedAt) latest.set(r.kind, r);
  }
  return latest;
}

export type CheckState = 'passed' | 'failed' | 'expired' | 'missing';

/** Each of the five checks as of `today`. */
export function checkStates(records: CheckRecord[], today: string): Record<CheckKind, CheckState> {
  const latest = latestChecks(records);
  const states = {} as Record<CheckKind, CheckState>;
  for (const kind of checkKinds) {
    const r = latest.get(kind);
    states[kind] = !r
      ? 'missing'
      : !r.passed
        ? 'failed'
        : r.validUntil !== null && r.validUntil < today
          ? 'expired'
          : 'passed';
  }
  return states;
}

/** The checks that keep a person from approval, in the catalogue's order. */
export function outstandingChecks(records: CheckRecord[], today: string): CheckKind[] {
  const states = checkStates(records, today);
  return checkKinds.filter((k) => states[k] !== 'passed');
}

/** The next status, or a refusal: approval needs every check passed and in date (STAFF-6). */
export function outsideTransition(
  from: OutsideStatus,
  event: OutsideEvent,
  records: CheckRecord[],
  today: string,
): OutsideStatus {
  const to = outsideTransitions[from][event];
  if (!to) throw new AppError('INVALID_TRANSITION', { from, event });
  if (to === 'approved') {
    const missing = outstandingChecks(records, today);
    if (missing.length > 0)
      throw new AppError('OUTSIDE_CHECKS_OUTSTANDING', { checks: missing.join(', ') }, { missing });
  }
  return to;
}

/**
 * What recording a check does to the status: the first check opens the review; a failed check of
 * an approved or suspended person sends them back under review. Otherwise nothing.
 */
export function eventAfterCheck(status: OutsideStatus, passed: boolean): OutsideEvent | null {
  if (status === 'registered') return 'review';
  if (!passed && (status === 'approved' || status === 'suspended')) return 'lapse';
  return null;
}

/** An approved person whose check has lapsed since must go back under review before rostering. */
export function hasLapsed(status: OutsideStatus, records: CheckRecord[], today: string): boolean {
  return (status === 'approved' || status === 'suspended') && outstandingChecks(records, today).length > 0;
}

/**
 * rule STAFF-6, DIST-2: may this person be rostered or take a swap? Approved, with a user account,
 * and, for an institution's staff, the institution approved on the district's list and the school
 * not refusing paid outside bodies.
 */
export function outsideRosterable(person: {
  status: OutsideStatus;
  kind: OutsideKind;
  hasAccount: boolean;
  institutionStatus: InstitutionStatus | null;
  allowPaidOutsideBodies: boolean;
}): boolean {
  if (person.status !== 'approved' || !person.hasAccount) return false;
  if (person.kind !== 'institution_staff') return true;
  return person.allowPaidOutsideBodies && person.institutionStatus === 'approved';
}

/** Registering an institution's staff: the school must allow paid bodies, the institution be approved. */
export function checkInstitutionUse(
  kind: OutsideKind,
  institution: { name: string; status: InstitutionStatus } | null,
  allowPaidOutsideBodies: boolean,
): void {
  if (kind !== 'institution_staff') {
    if (institution) throw new AppError('OUTSIDE_INSTITUTION_ONLY_FOR_STAFF');
    return;
  }
  // rule STAFF-6: a school may forbid paid outside bodies entirely (篇一).
  if (!allowPaidOutsideBodies) throw new AppError('OUTSIDE_PAID_BODIES_FORBIDDEN');
  if (!institution) throw new AppError('OUTSIDE_INSTITUTION_REQUIRED');
  // rule DIST-2: only institutions on the district's approved list.
  if (institution.status !== 'approved')
    throw new AppError('INSTITUTION_NOT_APPROVED', { name: institution.name, status: institution.status });
}

/** 3101**********1234: keeps the region prefix and the last four; the rest is hidden (SAFE-2). */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

/** 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
