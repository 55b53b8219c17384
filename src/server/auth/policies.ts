// The one policy table: which role may do what, and how far its reach goes. Services ask
// `authorize(actor, action, schoolId)` and get back the reach to scope their queries with.

import type { Role } from '../../features/people/rules';
import { AppError } from '../errors';

/** How much of a school a grant reaches: all of it, the holder's own class, or their own children. */
export type Reach = 'school' | 'class' | 'family';

export type Action =
  | 'school.read'
  | 'class.list'
  | 'student.read'
  | 'student.write'
  | 'student.sensitive'
  | 'guardian.read'
  | 'guardian.write'
  | 'adult.read'
  | 'adult.write'
  | 'roster.import'
  | 'roster.export'
  | 'staff.read'
  | 'staff.write'
  | 'setupCode.issue'
  | 'audit.read'
  | 'district.read'
  // programme (PROG)
  | 'programme.read'
  | 'programme.write'
  | 'compliance.read'
  | 'demand.read'
  | 'demand.summary'
  | 'demand.write'
  // enrolment (ENR)
  | 'application.read'
  | 'application.apply'
  | 'application.preReview'
  | 'application.decide'
  | 'draw.run'
  | 'agreement.write'
  | 'agreement.sign'
  | 'list.read'
  | 'list.publish'
  | 'withdrawal.request'
  | 'withdrawal.decide'
  // incidents and notify channels (DAY-6, SAFE-1)
  | 'incident.report'
  | 'incident.read'
  | 'incident.close'
  | 'notifyChannel.write'
  // fees and funds (FEE-1…11)
  | 'feeCap.read'
  | 'feeCap.write'
  | 'billing.read'
  | 'billing.write'
  | 'payment.record'
  | 'settlement.run'
  | 'refund.propose'
  | 'refund.approve'
  | 'fund.write'
  | 'fund.read'
  | 'fund.publish'
  | 'fund.district'
  // fee standards (FEE-3): finance and the school admin set an offering's fee under the caps
  | 'fee.write'
  // daily attendance: today, leave, roll call, handover, care log, staff attendance (DAY-1…3, DAY-6…8, SAFE-3)
  | 'daily.act'
  | 'daily.allClasses'
  | 'leave.report'
  | 'leave.read'
  | 'emergency.read'
  | 'emergency.write'
  | 'staffAttendance.checkIn'
  | 'staffAttendance.read'
  | 'staffAttendance.write'
  // pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
  | 'pickup.code'
  | 'pickup.release'
  | 'pickup.confirm'
  | 'pickup.flag'
  | 'pickup.unlock'
  | 'permit.sign'
  | 'permit.read'
  | 'permit.check'
  | 'permit.print'
  | 'board.read'
  | 'gate.read'
  | 'gate.write'
  // duty roster, swaps, outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
  | 'duty.read'
  | 'duty.write'
  | 'duty.swap'
  | 'availability.write'
  | 'outsideStaff.read'
  | 'outsideStaff.write'
  | 'institution.read'
  | 'institution.write'
  // temporary classes (STAFF-1, STAFF-2, STAFF-3)
  | 'tempClass.read'
  | 'tempClass.write'
  | 'tempClass.ofStudent'
  | 'tempClass.export'
  // teacher pay (PAY-1…8)
  | 'pay.read'
  | 'pay.own'
  | 'pay.compute'
  | 'pay.approve'
  | 'pay.event.write'
  // surveys (SURV-1, SURV-2)
  | 'survey.write'
  | 'survey.read'
  | 'survey.answer'
  | 'survey.results'
  | 'survey.ownScores'
  // district oversight (DIST-1, DIST-2)
  | 'district.dashboard'
  | 'institution.evaluate';

export const policies: Record<Action, Partial<Record<Role, Reach>>> = {
  'school.read': {
    district_officer: 'school',
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    finance: 'school',
    guard: 'school',
    parent: 'school',
    outside_staff: 'school',
  },
  'class.list': { school_admin: 'school', finance: 'school', class_teacher: 'class' },
  'student.read': { school_admin: 'school', finance: 'school', class_teacher: 'class', parent: 'family' },
  'student.write': { school_admin: 'school' },
  // ENR-4, FEE-6: the sensitive categories are for the school's leaders and its bursar only.
  'student.sensitive': { school_admin: 'school', finance: 'school' },
  'guardian.read': { school_admin: 'school', finance: 'school', class_teacher: 'class', parent: 'family' },
  'guardian.write': { school_admin: 'school' },
  'adult.read': { school_admin: 'school', class_teacher: 'class', parent: 'family' },
  'adult.write': { school_admin: 'school', parent: 'family' },
  'roster.import': { school_admin: 'school' },
  'roster.export': { school_admin: 'school', class_teacher: 'class' },
  'staff.read': { school_admin: 'school' },
  'staff.write': { school_admin: 'school' },
  'setupCode.issue': { school_admin: 'school', class_teacher: 'class' },
  'audit.read': { school_admin: 'school' },
  'district.read': { district_officer: 'school' },
  // Terms, sessions, offerings and the published notice are for everyone at the school.
  'programme.read': {
    district_officer: 'school',
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    finance: 'school',
    parent: 'school',
    outside_staff: 'school',
  },
  'programme.write': { school_admin: 'school' },
  // PROG-4: the 5+2 report, for the school and its district.
  'compliance.read': { school_admin: 'school', district_officer: 'school' },
  // PROG-8: class teachers record their own class; the school sees all.
  // Each child's record is for the class and the school; the district sees totals only (SAFE-2).
  'demand.read': { school_admin: 'school', class_teacher: 'class' },
  'demand.summary': { school_admin: 'school', class_teacher: 'class', district_officer: 'school' },
  'demand.write': { school_admin: 'school', class_teacher: 'class' },
  'application.read': { school_admin: 'school', finance: 'school', class_teacher: 'class', parent: 'family' },
  'application.apply': { parent: 'family' },
  // ENR-2: 班级初审 by the class teacher, 学校核准 by the school.
  'application.preReview': { school_admin: 'school', class_teacher: 'class' },
  'application.decide': { school_admin: 'school' },
  'draw.run': { school_admin: 'school' },
  'agreement.write': { school_admin: 'school' },
  'agreement.sign': { parent: 'family' },
  // ENR-8: the published list is masked, so everyone at the school may read it.
  'list.read': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    finance: 'school',
    guard: 'school',
    parent: 'school',
    outside_staff: 'school',
    district_officer: 'school',
  },
  'list.publish': { school_admin: 'school' },
  'withdrawal.request': { parent: 'family' },
  'withdrawal.decide': { school_admin: 'school' },
  // incidents and notify channels (DAY-6, SAFE-1). Staff other than the school's leaders report and
  // read only for the classes they stand for that day (daily/class-access.ts narrows the reach);
  // a family reads the incidents about its own children.
  'incident.report': {
    school_admin: 'school',
    care_teacher: 'school',
    class_teacher: 'school',
    outside_staff: 'school',
  },
  'incident.read': {
    school_admin: 'school',
    care_teacher: 'school',
    class_teacher: 'school',
    outside_staff: 'school',
    parent: 'family',
  },
  'incident.close': { school_admin: 'school' },
  'notifyChannel.write': { school_admin: 'school' },
  // daily attendance (DAY-1…3, DAY-6…8, SAFE-3). 'daily.act' opens the day's class work to the
  // staff who may stand for a class; requireClassDuty then narrows it to the classes they stand for.
  'daily.act': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    outside_staff: 'school',
  },
  // Stands for every class of the day without being rostered (the school's leaders).
  'daily.allClasses': { school_admin: 'school' },
  // DAY-3: the family reports; the class teacher may report on the family's behalf for their class.
  'leave.report': { school_admin: 'school', class_teacher: 'class', parent: 'family' },
  'leave.read': { school_admin: 'school', class_teacher: 'class', parent: 'family' },
  // SAFE-3: the plan and contacts are for everyone who may be on duty.
  'emergency.read': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    outside_staff: 'school',
    guard: 'school',
  },
  'emergency.write': { school_admin: 'school' },
  // DAY-7: staff check themselves in; the school reads and rules on the roll of staff.
  'staffAttendance.checkIn': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    outside_staff: 'school',
  },
  'staffAttendance.read': { school_admin: 'school', finance: 'school' },
  'staffAttendance.write': { school_admin: 'school' },
  // pickup and gate (DAY-4, DAY-5, DAY-9, DAY-10)
  // A family's pickup codes are for the family alone: no staff role reads them (DAY-4).
  'pickup.code': { parent: 'family' },
  // Staff who may stand for a class at the end of the day; narrowed to the class's people of that
  // day by class-access.ts (head teacher, rostered care teacher, duty teacher, leader).
  'pickup.release': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    outside_staff: 'school',
  },
  'pickup.confirm': { parent: 'family' },
  // DAY-4 篇五: special arrangements (teacher hands over personally) and lifting a code lock.
  'pickup.flag': { school_admin: 'school' },
  'pickup.unlock': { school_admin: 'school' },
  'permit.sign': { parent: 'family' },
  'permit.read': { school_admin: 'school', class_teacher: 'class', care_teacher: 'school', parent: 'family' },
  // The card carries the token the gate accepts: only the family and the school's leaders print it.
  'permit.print': { school_admin: 'school', parent: 'family' },
  'permit.check': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    guard: 'school',
  },
  // DAY-10: the duty board; teachers are narrowed to that day's duty leaders in the service.
  'board.read': { school_admin: 'school', care_teacher: 'school', class_teacher: 'school' },
  'gate.read': { school_admin: 'school', guard: 'school' },
  'gate.write': { school_admin: 'school', guard: 'school' },
  // duty roster, swaps, outside staff (STAFF-4, STAFF-5, STAFF-6, DIST-2)
  // The published roster is the staff room's notice board: every staff role of the school reads it.
  'duty.read': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    finance: 'school',
    guard: 'school',
    outside_staff: 'school',
  },
  'duty.write': { school_admin: 'school' },
  'duty.swap': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    outside_staff: 'school',
  },
  'availability.write': { school_admin: 'school', class_teacher: 'school', care_teacher: 'school' },
  // The guard reads the status only (for the gate check); the service hides the rest.
  'outsideStaff.read': { school_admin: 'school', guard: 'school' },
  'outsideStaff.write': { school_admin: 'school' },
  'institution.read': { district_officer: 'school', school_admin: 'school' },
  'institution.write': { district_officer: 'school' },
  // temporary classes (STAFF-1, STAFF-2, STAFF-3): the staff who teach and care read the classes and
  // their members; only the school regroups. A family reads which class its own child is in.
  'tempClass.read': {
    school_admin: 'school',
    care_teacher: 'school',
    class_teacher: 'school',
    outside_staff: 'school',
  },
  // SAFE-2: every child of every class in one file is for the school's leaders; staff print their class.
  'tempClass.export': { school_admin: 'school' },
  'tempClass.write': { school_admin: 'school' },
  'tempClass.ofStudent': {
    school_admin: 'school',
    care_teacher: 'school',
    class_teacher: 'school',
    outside_staff: 'school',
    parent: 'family',
  },
  // fees and funds (FEE-1…11). FEE-6: bills carry waivers, so a family's money is read only by the
  // school's admin and finance and the family itself; class and care teachers see none of it.
  'feeCap.read': { district_officer: 'school', school_admin: 'school', finance: 'school' },
  // DIST-3: caps are the district's.
  'feeCap.write': { district_officer: 'school' },
  'billing.read': { school_admin: 'school', finance: 'school', parent: 'family' },
  // Issue term and meal bills, record meal opt-ins.
  'billing.write': { finance: 'school' },
  'payment.record': { finance: 'school' },
  'settlement.run': { finance: 'school' },
  // The large-money rule: finance proposes a refund, the school admin approves it (a second person).
  'refund.propose': { finance: 'school' },
  'refund.approve': { school_admin: 'school' },
  // FEE-2, FEE-8: subsidy income and expenses.
  'fund.write': { finance: 'school' },
  // FEE-9: the published statement is for the school's families and staff; the district audits it.
  'fund.read': {
    district_officer: 'school',
    school_admin: 'school',
    finance: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    parent: 'school',
  },
  'fund.publish': { finance: 'school', school_admin: 'school' },
  // The unpublished working statement, and every school's, for the school and the district.
  'fund.district': { district_officer: 'school', school_admin: 'school', finance: 'school' },
  // fee standards (FEE-3): the school's fee per offering, refused over the district's cap.
  'fee.write': { finance: 'school', school_admin: 'school' },
  // teacher pay (PAY-1…8). The pay sheet is the school's leaders' and its bursar's; a teacher reads
  // only their own statement (`pay.own`: the service checks the statement is the caller's).
  'pay.read': { school_admin: 'school', finance: 'school' },
  'pay.own': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    finance: 'school',
    outside_staff: 'school',
  },
  // Finance enters the fund and computes; the school admin approves (a second person), after which
  // the pay is locked and corrections are new adjustments.
  'pay.compute': { school_admin: 'school', finance: 'school' },
  'pay.approve': { school_admin: 'school' },
  // PAY-4, PAY-5: the school enters a dereliction, a safety incident or an ethics breach.
  'pay.event.write': { school_admin: 'school' },
  // surveys (SURV-1, SURV-2): the school builds them; families answer for their own children;
  // results are the school's; a teacher sees their own scores and never who answered.
  'survey.write': { school_admin: 'school' },
  'survey.read': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    parent: 'family',
  },
  'survey.answer': { parent: 'family' },
  'survey.results': { school_admin: 'school', district_officer: 'school' },
  'survey.ownScores': {
    school_admin: 'school',
    class_teacher: 'school',
    care_teacher: 'school',
    outside_staff: 'school',
  },
  // DIST-1: the district's dashboard across its schools.
  'district.dashboard': { district_officer: 'school' },
  // DIST-2: a school records its evaluation of, or a complaint about, an institution it used.
  'institution.evaluate': { school_admin: 'school' },
};

export interface Grant {
  role: Role;
  districtId: string;
  schoolId: string | null;
  classId: string | null;
}

export interface Actor {
  userId: string;
  displayName: string;
  grants: Grant[];
  locale: string;
}

/**
 * What an allowed action may touch: the whole school, or the union of some classes and the
 * actor's own children (a teacher can also be a parent at the same school).
 */
export type Scope = { all: true } | { all: false; classIds: string[]; familyOf: string | null };

export interface SchoolRef {
  id: string;
  districtId: string;
}

function grantsIn(actor: Actor, school: SchoolRef): Grant[] {
  return actor.grants.filter((g) =>
    g.schoolId === null
      ? g.role === 'district_officer' && g.districtId === school.districtId
      : g.schoolId === school.id,
  );
}

export function hasAnyGrantIn(actor: Actor, school: SchoolRef): boolean {
  return grantsIn(actor, school).length > 0;
}

/**
 * The widest scope the actor's grants in this school give for the action, or why there is none:
 * `absent` (no grant in the school at all) or `denied` (grants, but none allowing the action).
 * Does not throw, so checks for menus and field visibility cost nothing on a hot path.
 */
export function scopeFor(actor: Actor, action: Action, school: SchoolRef): Scope | 'absent' | 'denied' {
  const grants = grantsIn(actor, school);
  if (grants.length === 0) return 'absent';
  const allowed = policies[action];
  const classIds = new Set<string>();
  let familyOf: string | null = null;
  for (const grant of grants) {
    const reach = allowed[grant.role];
    if (reach === 'school') return { all: true };
    if (reach === 'class' && grant.classId) classIds.add(grant.classId);
    if (reach === 'family') familyOf = actor.userId;
  }
  if (classIds.size === 0 && familyOf === null) return 'denied';
  return { all: false, classIds: [...classIds], familyOf };
}

/**
 * The scope for an action, or a refusal: no grant in the school is NOT_FOUND (another school's
 * data does not exist for you); grants, but none allowing the action, is FORBIDDEN.
 */
export function authorize(actor: Actor, action: Action, school: SchoolRef): Scope {
  const scope = scopeFor(actor, action, school);
  if (scope === 'absent') throw new AppError('NOT_FOUND');
  if (scope === 'denied') throw new AppError('FORBIDDEN');
  return scope;
}

/** Whether an action is allowed at all (any reach), for menus and field visibility. */
export function can(actor: Actor, action: Action, school: SchoolRef): boolean {
  return typeof scopeFor(actor, action, school) === 'object';
}
