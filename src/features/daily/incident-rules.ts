// DAY-6: incidents (事故/突发事件) are recorded at once and the guardian told. An incident's life is
// one state machine — reported → following up (跟进) → closed (结案), reopened back to following up —
// and this table is the only way its status changes; follow-ups are appended, never edited (SAFE-1).
// Pure: no I/O, no clock.
import { AppError, type Locale } from '../../server/errors';

export const incidentKinds = [
  'injury', // 受伤
  'illness', // 身体不适
  'conflict', // 同学冲突
  'missing_child', // 学生走失
  'property', // 财物损坏或丢失
  'staff_dereliction', // 教职工失职
  'safety_hazard', // 安全隐患
  'other',
] as const;
export type IncidentKind = (typeof incidentKinds)[number];

export const incidentSeverities = ['minor', 'serious', 'critical'] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

export const incidentStatuses = ['reported', 'following_up', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export type IncidentAction = 'followUp' | 'close' | 'reopen';

/** On close: whether the school upheld it. A dereliction found groundless does not touch pay. */
export const incidentFindings = ['upheld', 'not_upheld'] as const;
export type IncidentFinding = (typeof incidentFindings)[number];

const transitions: Record<IncidentStatus, Partial<Record<IncidentAction, IncidentStatus>>> = {
  reported: { followUp: 'following_up', close: 'closed' },
  following_up: { followUp: 'following_up', close: 'closed' },
  // A closed incident reopens when something new comes to light (a hidden injury, a complaint).
  closed: { reopen: 'following_up' },
};

export function canApply(from: IncidentStatus, action: IncidentAction): boolean {
  return transitions[from][action] !== undefined;
}

export function nextIncidentStatus(
  from: IncidentStatus,
  action: IncidentAction,
  locale: Locale = 'zh-CN',
): IncidentStatus {
  const to = transitions[from][action];
  if (!to)
    throw new AppError('INCIDENT_TRANSITION_NOT_ALLOWED', {
      status: statusLabel(from, locale),
      action: actionLabel(action, locale),
    });
  return to;
}

/** Dereliction always names the staff member; a safety hazard may (a broken railing names nobody). */
export function staffRequired(kind: IncidentKind): boolean {
  return kind === 'staff_dereliction';
}

/** PAY-4: a dereliction or safety incident naming a staff member, not closed as groundless. */
export function affectsPay(kind: string, staffUserId: string | null, finding: string | null): boolean {
  return (
    (kind === 'staff_dereliction' || kind === 'safety_hazard') &&
    staffUserId !== null &&
    finding !== 'not_upheld'
  );
}

/** A critical incident also goes to the school's leaders and the day's duty leader (值班领导). */
export function alertsLeaders(severity: IncidentSeverity): boolean {
  return severity === 'critical';
}

/**
 * A family reads an incident about its child without the other children's names (SAFE-2): each
 * other involved child's name in the staff's free text becomes "another pupil". Longest names
 * first, so 王小明 is not half-replaced by 王小.
 */
export function withoutNames(text: string, names: readonly string[], locale: Locale): string {
  const replacement = locale === 'en' ? 'another pupil' : '其他同学';
  let out = text;
  for (const name of [...new Set(names)].filter((n) => n.length > 0).sort((a, b) => b.length - a.length))
    out = out.split(name).join(replacement);
  return out;
}

/** A stated time may lag (recorded after the fact) but not lead the server's clock beyond a skew. */
export function occurredInFuture(occurredAt: string, now: Date, skewMs = 5 * 60_000): boolean {
  return Date.parse(occurredAt) > now.getTime() + skewMs;
}

const kindLabels: Record<IncidentKind, [string, string]> = {
  injury: ['受伤', 'injury'],
  illness: ['身体不适', 'illness'],
  conflict: ['同学冲突', 'conflict between pupils'],
  missing_child: ['学生走失', 'missing child'],
  property: ['财物损坏或丢失', 'property damaged or lost'],
  staff_dereliction: ['教职工失职', 'staff dereliction of duty'],
  safety_hazard: ['安全隐患', 'safety hazard'],
  other: ['其他', 'other'],
};
const severityLabels: Record<IncidentSeverity, [string, string]> = {
  minor: ['一般', 'minor'],
  serious: ['较重', 'serious'],
  critical: ['严重', 'critical'],
};
const statusLabels: Record<IncidentStatus, [string, string]> = {
  reported: ['已登记', 'reported'],
  following_up: ['跟进中', 'following up'],
  closed: ['已结案', 'closed'],
};
const actionLabels: Record<IncidentAction, [string, string]> = {
  followUp: ['添加跟进', 'followed up'],
  close: ['结案', 'closed'],
  reopen: ['重新打开', 'reopened'],
};

const pick = (pair: [string, string], locale: Locale) => (locale === 'en' ? pair[1] : pair[0]);
export const kindLabel = (k: string, l: Locale) => pick(kindLabels[k as IncidentKind] ?? [k, k], l);
export const severityLabel = (s: string, l: Locale) =>
  pick(severityLabels[s as IncidentSeverity] ?? [s, s], l);
export const statusLabel = (s: string, l: Locale) => pick(statusLabels[s as IncidentStatus] ?? [s, s], l);
export const actionLabel = (a: IncidentAction, l: Locale) => pick(actionLabels[a], l);
