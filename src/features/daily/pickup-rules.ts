// The rules of safe pickup (DAY-4), the walk-home-alone permit (DAY-5) and the duty board (DAY-10).
// Pure: no I/O, no clock; `now` and `today` come in as arguments.
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../server/errors';
import { minutesOf } from '../programme/time';
import { onSiteMarks, type RollMark } from './roll-read';

// ---- pickup codes (接送码) ----

/** A pickup code is exactly six digits; leading zeros count. */
export const pickupCodePattern = /^\d{6}$/;

/** The QR form of an adult's code: version, adult, code. The teacher's scanner sends it whole. */
export function pickupQrPayload(adultId: string, code: string): string {
  return `KH1:${adultId}:${code}`;
}

export function parsePickupQr(text: string): { adultId: string; code: string } | null {
  const m = /^KH1:([0-9a-fA-F-]{36}):(\d{6})$/.exec(text.trim());
  return m ? { adultId: m[1]!.toLowerCase(), code: m[2]! } : null;
}

/** Compares two codes in time independent of where they differ (no timing oracle for guessing). */
export function codesEqual(typed: string, stored: string): boolean {
  const a = Buffer.from(typed.padEnd(6, '\0').slice(0, 6));
  const b = Buffer.from(stored.padEnd(6, '\0').slice(0, 6));
  return timingSafeEqual(a, b) && typed.length === stored.length;
}

export interface AdultWithCode {
  id: string;
  name: string;
  revokedAt: string | null;
  code: string | null;
}

export type CodeMatch =
  | { kind: 'match'; adult: AdultWithCode }
  | { kind: 'revoked'; adult: AdultWithCode }
  | { kind: 'wrong' };

/**
 * Which of the child's adults a typed or scanned code belongs to. Every adult is compared (no early
 * exit), so the answer's timing does not say how many adults a child has or which one nearly matched.
 * A revoked adult's code never releases (DAY-4: only authorised adults), but is named so the teacher
 * knows why.
 */
export function matchCode(adults: readonly AdultWithCode[], code: string, adultId?: string): CodeMatch {
  let found: AdultWithCode | null = null;
  for (const adult of adults) {
    if (adult.code === null) continue;
    if (adultId !== undefined && adult.id !== adultId) continue;
    if (codesEqual(code, adult.code) && found === null) found = adult;
  }
  if (!found) return { kind: 'wrong' };
  return found.revokedAt ? { kind: 'revoked', adult: found } : { kind: 'match', adult: found };
}

// ---- wrong codes: counting and locking ----

export interface LockLimits {
  maxFailures: number;
  lockMinutes: number;
}

export interface LockState {
  locked: boolean;
  /** ISO instant the lock lifts by itself (null when not locked). */
  until: string | null;
  /** Wrong codes still allowed before the lock (0 when locked). */
  remaining: number;
}

/**
 * Failures count inside the last `lockMinutes` and after the latest unlock by an administrator.
 * At `maxFailures` the subject is locked; the lock lifts when the oldest failure that still makes
 * up the limit leaves the window — so a lock lasts at most `lockMinutes` after the last failure.
 */
export function lockState(
  failures: readonly string[],
  unlockedAt: string | null,
  now: Date,
  limits: LockLimits,
): LockState {
  const windowMs = limits.lockMinutes * 60_000;
  const since = now.getTime() - windowMs;
  const floor = unlockedAt ? Math.max(since, Date.parse(unlockedAt)) : since;
  const counted = failures
    .map((f) => Date.parse(f))
    .filter((t) => t > floor)
    .sort((a, b) => b - a);
  if (counted.length < limits.maxFailures)
    return { locked: false, until: null, remaining: limits.maxFailures - counted.length };
  const limiting = counted[limits.maxFailures - 1]!;
  return { locked: true, until: new Date(limiting + windowMs).toISOString(), remaining: 0 };
}

/** The tighter of two locks (per child, per teacher): locked if either is. */
export function combineLocks(a: LockState, b: LockState): LockState {
  if (a.locked && b.locked) return a.until! >= b.until! ? a : b;
  if (a.locked) return a;
  if (b.locked) return b;
  return { locked: false, until: null, remaining: Math.min(a.remaining, b.remaining) };
}

// ---- the release and its confirmation (a state machine) ----

export const releaseMethods = ['code', 'id_check', 'walk_home'] as const;
export type ReleaseMethod = (typeof releaseMethods)[number];
export const releaseStatuses = ['awaiting_confirmation', 'confirmed', 'walked_home'] as const;
export type ReleaseStatus = (typeof releaseStatuses)[number];

/** DAY-4: a child handed to an adult waits for the family's confirmation; walking home does not. */
export function initialReleaseStatus(method: ReleaseMethod): ReleaseStatus {
  return method === 'walk_home' ? 'walked_home' : 'awaiting_confirmation';
}

const releaseTransitions: Record<ReleaseStatus, Partial<Record<'confirm', ReleaseStatus>>> = {
  awaiting_confirmation: { confirm: 'confirmed' },
  confirmed: {},
  walked_home: {},
};

export function releaseTransition(from: ReleaseStatus, event: 'confirm'): ReleaseStatus {
  const to = releaseTransitions[from][event];
  if (!to) throw new AppError('PICKUP_NOT_CONFIRMABLE');
  return to;
}

/**
 * rule DAY-4: only a child on site can be released — the roll in force must exist and mark the
 * child present or late. Returns the refusal, or null when the child may go.
 */
export function onSiteRefusal(
  mark: RollMark | undefined,
  rollTaken: boolean,
): 'no_roll' | 'not_on_site' | null {
  if (!rollTaken) return 'no_roll';
  if (!mark || !onSiteMarks.includes(mark)) return 'not_on_site';
  return null;
}

// ---- walk-home-alone permits (独自回家证, DAY-5) ----

export type PermitState = 'valid' | 'revoked' | 'expired' | 'not_started' | 'not_today';

/** rule DAY-5: valid inside its term, on its weekdays (the timetable weekday of the day), unrevoked. */
export function permitState(
  permit: { revokedAt: string | null; weekdays: readonly number[] },
  term: { startsOn: string; endsOn: string },
  today: string,
  timetableWeekday: number | null,
): PermitState {
  if (permit.revokedAt) return 'revoked';
  if (today > term.endsOn) return 'expired';
  if (today < term.startsOn) return 'not_started';
  if (timetableWeekday === null || !permit.weekdays.includes(timetableWeekday)) return 'not_today';
  return 'valid';
}

export function weekdaysOf(text: string): number[] {
  return text
    .split(',')
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 7);
}

// ---- the duty board (DAY-10) ----

export interface BoardCounts {
  enrolled: number;
  onSite: number;
  leave: number;
  absent: number;
  releasedConfirmed: number;
  releasedAwaiting: number;
  walkedHome: number;
  stillOnSite: string[];
  rollTaken: boolean;
}

/**
 * One class's line on the board: members, what the roll in force says, and who left how. A child
 * still on site was marked present or late and has no release today. Without a roll, nobody is
 * counted on site and the class is flagged instead.
 */
export function boardCounts(
  memberIds: readonly string[],
  marks: ReadonlyMap<string, RollMark> | null,
  releases: ReadonlyMap<string, ReleaseStatus>,
): BoardCounts {
  const c: BoardCounts = {
    enrolled: memberIds.length,
    onSite: 0,
    leave: 0,
    absent: 0,
    releasedConfirmed: 0,
    releasedAwaiting: 0,
    walkedHome: 0,
    stillOnSite: [],
    rollTaken: marks !== null,
  };
  for (const id of memberIds) {
    const released = releases.get(id);
    if (released === 'confirmed') c.releasedConfirmed++;
    else if (released === 'awaiting_confirmation') c.releasedAwaiting++;
    else if (released === 'walked_home') c.walkedHome++;
    const mark = marks?.get(id);
    if (mark === 'leave') c.leave++;
    else if (mark === 'absent') c.absent++;
    else if (mark && onSiteMarks.includes(mark)) {
      c.onSite++;
      if (!released) c.stillOnSite.push(id);
    }
  }
  return c;
}

/** rule DAY-10: a child still on site is late once the session's end plus the grace has passed. */
export function latePickupDue(sessionEndsAt: string, graceMinutes: number, localTime: string): boolean {
  return minutesOf(localTime) >= minutesOf(sessionEndsAt) + graceMinutes;
}

// ---- the gate (DAY-9) ----

/** SAFE-2: an ID number shown in a list: the first 4 and the last 4, e.g. 3101**********1234. */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}
