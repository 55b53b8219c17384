// Shared by the incident use cases: who reads how much (the viewer), and the view a reader gets —
// staff see the whole record; a family sees its own children only, other children's names taken
// out of the staff's text, and no staff-internal notes or staff names (SAFE-2).
import type { Actor, SchoolRef } from '../../../server/auth/policies';
import { can } from '../../../server/auth/policies';
import type { Executor } from '../../../server/context';
import type { Locale } from '../../../server/errors';
import { classLabel } from '../../people/rules';
import type { IncidentView } from '../incident-contract';
import {
  canApply,
  type IncidentFinding,
  type IncidentKind,
  type IncidentSeverity,
  type IncidentStatus,
  withoutNames,
} from '../incident-rules';
import * as store from '../incident-store';

export const incidentLink = (incidentId: string) => `/daily/incidents/${incidentId}`;

const staffRoles = new Set(['care_teacher', 'class_teacher', 'outside_staff']);

/**
 * The policy table says who may touch incidents at all; this narrows the reach the way
 * class-access.ts does for the day's work. Holders of 'incident.close' (the school's leaders) read
 * everything; other staff their own reports and their classes; a parent their own children.
 */
export function viewerFor(actor: Actor, school: SchoolRef): store.IncidentViewer {
  if (can(actor, 'incident.close', school))
    return { all: true, staffUserId: null, homeClassIds: [], familyOf: null };
  const grants = actor.grants.filter((g) => g.schoolId === school.id);
  return {
    all: false,
    staffUserId: grants.some((g) => staffRoles.has(g.role)) ? actor.userId : null,
    homeClassIds: grants.filter((g) => g.role === 'class_teacher' && g.classId).map((g) => g.classId!),
    familyOf: grants.some((g) => g.role === 'parent') ? actor.userId : null,
  };
}

/** The staff part of a viewer (null when the actor reads only as a family). */
export function staffPart(viewer: store.IncidentViewer): store.IncidentViewer | null {
  if (viewer.all) return viewer;
  if (!viewer.staffUserId && viewer.homeClassIds.length === 0) return null;
  return { ...viewer, familyOf: null };
}

export interface Reader {
  userId: string;
  /** Reads the whole record (staff reach) rather than a family's part. */
  staff: boolean;
  leader: boolean;
  locale: Locale;
}

export async function buildIncidentView(
  db: Executor,
  incident: store.IncidentRow,
  reader: Reader,
): Promise<IncidentView> {
  const [studentsMap, events, names, classes] = await Promise.all([
    store.studentsOf(db, [incident.id]),
    store.eventsOf(db, incident.id),
    store.namesOf(db, [incident.reported_by, ...(incident.staff_user_id ? [incident.staff_user_id] : [])]),
    store.classNames(db, incident.temp_class_id ? [incident.temp_class_id] : []),
  ]);
  const involved = studentsMap.get(incident.id) ?? [];
  let shown = involved;
  let others: string[] = [];
  if (!reader.staff) {
    const mine = new Set(
      (
        await store.guardianUsersOf(
          db,
          involved.map((s) => s.id),
        )
      )
        .filter((g) => g.userId === reader.userId)
        .map((g) => g.studentId),
    );
    shown = involved.filter((s) => mine.has(s.id));
    others = involved.filter((s) => !mine.has(s.id)).map((s) => s.name);
  }
  const clean = (text: string) => (reader.staff ? text : withoutNames(text, others, reader.locale));
  const status = incident.status as IncidentStatus;
  return {
    id: incident.id,
    schoolId: incident.school_id,
    date: incident.date,
    occurredAt: incident.occurred_at,
    kind: incident.kind as IncidentKind,
    severity: incident.severity as IncidentSeverity,
    status,
    tempClass: incident.temp_class_id
      ? { id: incident.temp_class_id, name: classes.get(incident.temp_class_id) ?? '' }
      : null,
    students: shown.map((s) => ({
      id: s.id,
      name: s.name,
      classLabel: classLabel(s.grade, s.classNo, reader.locale),
    })),
    reportedBy: names.get(incident.reported_by) ?? '',
    description: clean(incident.description),
    actionTaken: clean(incident.action_taken),
    staff:
      reader.staff && incident.staff_user_id
        ? { id: incident.staff_user_id, name: names.get(incident.staff_user_id) ?? '' }
        : null,
    finding: reader.staff ? ((incident.finding as IncidentFinding | null) ?? null) : null,
    reportedAt: incident.reported_at,
    guardiansNotified: incident.guardians_notified,
    otherStudents: involved.length - shown.length,
    events: events
      .filter((e) => reader.staff || e.internal === 0)
      .map((e) => ({
        id: e.id,
        kind: e.kind as 'followup' | 'close' | 'reopen',
        note: clean(e.note),
        internal: e.internal === 1,
        fromStatus: e.fromStatus as IncidentStatus,
        toStatus: e.toStatus as IncidentStatus,
        by: e.by,
        at: e.at,
      })),
    can: {
      followUp: reader.staff && canApply(status, 'followUp'),
      close: reader.leader && canApply(status, 'close'),
      reopen: reader.leader && canApply(status, 'reopen'),
    },
  };
}

/** Parent accounts to tell, one entry per (account, child), with the other children's names. */
export async function familiesToTell(db: Executor, involved: { id: string; name: string }[]) {
  const guardians = await store.guardianUsersOf(
    db,
    involved.map((s) => s.id),
  );
  return guardians.map((g) => ({
    userId: g.userId,
    student: involved.find((s) => s.id === g.studentId)!,
    otherNames: involved.filter((s) => s.id !== g.studentId).map((s) => s.name),
  }));
}
