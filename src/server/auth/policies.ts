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
  | 'notifyChannel.write';

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
