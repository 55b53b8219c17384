// Pure rules of the application side of enrolment: the window, the choices (ENR-3), the school's
// conditions (ENR-5), the public reference, and the notice period of a withdrawal (ENR-6).
// No I/O and no clock: callers pass `now` and the school's time zone.
//
// Glossary: 报名窗口 application window · 志愿 choice (第一/第二志愿 first/second choice) ·
// 报名条件 eligibility condition · 保险证明 insurance proof · 退出 withdrawal.
import { randomInt } from 'node:crypto';
import { AppError, type Locale } from '../../server/errors';
import { eventLabel, statusLabel } from './labels';
import { type ApplicationEvent, type ApplicationStatus, transition } from './rules';

// ---- the window ----

export type WindowState = 'open' | 'not_published' | 'not_yet' | 'closed';

/** A term is open for applications once its notice is published (PROG-7) and inside its window. */
export function windowState(
  term: { windowOpensAt: string; windowClosesAt: string },
  hasPublishedNotice: boolean,
  now: Date,
): WindowState {
  if (!hasPublishedNotice) return 'not_published';
  const t = now.getTime();
  if (t < Date.parse(term.windowOpensAt)) return 'not_yet';
  if (t >= Date.parse(term.windowClosesAt)) return 'closed';
  return 'open';
}

/** The refusal for a window that is not open, naming the time in the school's time zone. */
export function windowClosedError(
  term: { windowOpensAt: string; windowClosesAt: string },
  state: Exclude<WindowState, 'open'>,
  timeZone: string,
): AppError {
  if (state === 'not_published') return new AppError('ENROLMENT_NO_NOTICE');
  if (state === 'not_yet')
    return new AppError('ENROLMENT_NOT_OPEN', { opensAt: localDateTime(term.windowOpensAt, timeZone) });
  return new AppError('ENROLMENT_CLOSED', { closesAt: localDateTime(term.windowClosesAt, timeZone) });
}

// ---- choices (ENR-3) ----

export interface ChoiceInput {
  /** First choice, then an optional second choice within the same group. */
  offeringIds: string[];
}

export interface ChosenLine {
  offeringId: string;
  choiceGroup: number;
  choiceRank: number;
}

/**
 * Each group is one thing the child wants (a session's homework care, a club) with an optional
 * second choice a club may fill (ENR-3). Every offering must be of the term, and none twice.
 */
export function linesFromChoices(
  choices: ChoiceInput[],
  termOfferings: ReadonlyMap<string, { name: string }>,
): ChosenLine[] {
  const seen = new Set<string>();
  const lines: ChosenLine[] = [];
  choices.forEach((choice, g) => {
    choice.offeringIds.forEach((offeringId, r) => {
      const offering = termOfferings.get(offeringId);
      if (!offering) throw new AppError('UNKNOWN_OFFERING', { offeringId });
      if (seen.has(offeringId)) throw new AppError('DUPLICATE_OFFERING', { offering: offering.name });
      seen.add(offeringId);
      lines.push({ offeringId, choiceGroup: g + 1, choiceRank: r + 1 });
    });
  });
  return lines;
}

/** The inverse, for showing and editing: lines back to groups in order. */
export function choicesFromLines(lines: ChosenLine[]): ChoiceInput[] {
  const groups = new Map<number, ChosenLine[]>();
  for (const line of lines) groups.set(line.choiceGroup, [...(groups.get(line.choiceGroup) ?? []), line]);
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, ls]) => ({
      offeringIds: ls.sort((a, b) => a.choiceRank - b.choiceRank).map((l) => l.offeringId),
    }));
}

// ---- conditions (ENR-5) ----

export interface TermCondition {
  key: string;
  text: string;
  needsProof: boolean;
}

export interface ConditionAnswer {
  key: string;
  confirmed: boolean;
  proof?: string | undefined;
}

export function parseTermConditions(json: string): TermCondition[] {
  try {
    const list = JSON.parse(json) as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .filter((c): c is TermCondition => typeof c === 'object' && c !== null && typeof c.key === 'string')
      .map((c) => ({ key: c.key, text: String(c.text ?? c.key), needsProof: Boolean(c.needsProof) }));
  } catch {
    return [];
  }
}

/**
 * ENR-5: keeps the answers to the term's own conditions. When `enforce` (a submission, not a draft),
 * every condition must be confirmed, with a proof where the school asks for one.
 */
export function checkConditions(
  conditions: TermCondition[],
  answers: ConditionAnswer[],
  enforce: boolean,
): ConditionAnswer[] {
  const byKey = new Map(answers.map((a) => [a.key, a]));
  const kept: ConditionAnswer[] = [];
  for (const condition of conditions) {
    const answer = byKey.get(condition.key);
    const proof = answer?.proof?.trim() || undefined;
    if (enforce && !answer?.confirmed)
      throw new AppError('CONDITION_NOT_CONFIRMED', { condition: condition.text });
    if (enforce && condition.needsProof && !proof)
      throw new AppError('CONDITION_PROOF_MISSING', { condition: condition.text });
    if (answer) kept.push({ key: condition.key, confirmed: answer.confirmed, ...(proof ? { proof } : {}) });
  }
  return kept;
}

// ---- transitions with words ----

/**
 * `transition` from rules.ts, with the refusal naming the current status and the step in the
 * reader's language. `details` keeps the codes for the web app.
 */
export function applicationStep(
  from: ApplicationStatus,
  event: ApplicationEvent,
  locale: Locale,
): ApplicationStatus {
  try {
    return transition(from, event);
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_TRANSITION') {
      throw new AppError(
        'INVALID_TRANSITION',
        { from: statusLabel(from, locale), event: eventLabel(event, locale) },
        { status: from, event },
      );
    }
    throw error;
  }
}

// ---- public reference ----

/** No 0/O, 1/I/L: a family reads it aloud or copies it from paper. */
export const publicRefAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** 8 of 31 symbols: about 8.5 × 10^11 values, unguessable and short. Uniqueness is the DB's. */
export function newPublicRef(pick: (n: number) => number = randomInt): string {
  let ref = '';
  for (let i = 0; i < 8; i++) ref += publicRefAlphabet[pick(publicRefAlphabet.length)];
  return ref;
}

// ---- school-local dates ----

function parts(instant: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const p of format.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

/** The school-local date 'YYYY-MM-DD' of an instant. */
export function localDate(instant: Date | string, timeZone: string): string {
  const p = parts(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 'YYYY-MM-DD HH:mm' in the school's time zone, for messages. */
export function localDateTime(instant: Date | string, timeZone: string): string {
  const p = parts(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ENR-6: the earliest day a withdrawal requested today may take effect. */
export function earliestWithdrawalDate(today: string, noticeDays: number): string {
  return addDays(today, noticeDays);
}

export function assertWithdrawalNotice(effectiveOn: string, today: string, noticeDays: number): void {
  const earliest = earliestWithdrawalDate(today, noticeDays);
  if (effectiveOn < earliest) throw new AppError('WITHDRAWAL_TOO_SOON', { days: noticeDays, earliest });
}
