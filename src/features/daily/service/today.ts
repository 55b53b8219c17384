// The care teacher's Today page: the classes the caller stands for today (rostered care, the
// session's duty, the day's leader, temporary head teacher, or every class for the school's
// leaders), each with its time, venue, size, leave, roll, handovers and care log; the sessions to
// check in for (DAY-7); and SAFE-3's emergency contacts and plan. A fixed set of queries whatever
// the number of classes (no query per class).
import type { z } from 'zod';
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext } from '../../../server/context';
import { localDate } from '../../programme/rules';
import { loadSettings } from '../../programme/settings';
import { dutiesOn } from '../class-access';
import type { todayView } from '../contract';
import * as records from '../record-store';
import { rollHeadsInForce } from '../roll-read';
import { type HandoverStage, leaveCovers, parseWeekdays, sessionRunsOn } from '../rules';
import * as staffStore from '../staff-store';
import * as store from '../store';
import { isSchoolLeader } from './common';
import { planOf } from './emergency-plan';

type Today = z.infer<typeof todayView>;
type Role = Today['classes'][number]['roles'][number];

export async function getToday(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  date?: string,
): Promise<Today> {
  const db = ctx.db;
  const { school } = await accessSchool(db, actor, schoolId, 'daily.act');
  const settings = await loadSettings(db, school.id);
  const day = date ?? localDate(ctx.now().toISOString(), settings.timezone);
  const leader = isSchoolLeader(actor, school);
  const duties = await dutiesOn(db, school.id, actor.userId, day);
  const isDutyLeader = duties.some((d) => d.role === 'leader');
  const careIds = duties.filter((d) => d.role === 'care' && d.tempClassId).map((d) => d.tempClassId!);
  const dutySessions = duties.filter((d) => d.role === 'duty').map((d) => d.sessionId);
  const candidates = await store.classDaysOn(db, school.id, day, {
    all: leader || isDutyLeader,
    classIds: careIds,
    sessionIds: dutySessions,
    headTeacherId: actor.userId,
  });
  const calendars = await store.calendarOf(db, [...new Set(candidates.map((c) => c.termId))], [day]);
  const classes = candidates.filter((c) =>
    sessionRunsOn(
      { startsOn: c.termStartsOn, endsOn: c.termEndsOn },
      calendars.get(c.termId) ?? [],
      parseWeekdays(c.weekdays),
      day,
    ),
  );
  const ids = classes.map((c) => c.id);
  const [sizes, leave, rolls, handovers, logs] = await Promise.all([
    store.memberCounts(db, ids),
    store.classLeaveOn(db, ids, day),
    rollHeadsInForce(db, ids, day),
    records.handoversOf(db, ids, day),
    records.careLogsOn(db, ids, day),
  ]);
  const latestHandover = (classId: string, stage: HandoverStage) => {
    const h = handovers.filter((x) => x.temp_class_id === classId && x.stage === stage).at(-1);
    return h
      ? { headCount: h.head_count, expectedCount: h.expected_count, mismatch: h.mismatch === 1 }
      : null;
  };
  const items = classes.map((c) => {
    const roles: Role[] = [];
    if (leader) roles.push('admin');
    if (c.headTeacherId === actor.userId) roles.push('head');
    if (careIds.includes(c.id)) roles.push('care');
    if (dutySessions.includes(c.sessionId)) roles.push('duty');
    if (isDutyLeader) roles.push('leader');
    const onLeave = new Set(
      leave.filter((l) => l.tempClassId === c.id && leaveCovers(l, day, c.sessionId)).map((l) => l.studentId),
    );
    const roll = rolls.find((r) => r.tempClassId === c.id);
    const log = logs.find((l) => l.temp_class_id === c.id);
    return {
      tempClassId: c.id,
      className: c.name,
      kind: c.kind,
      sessionId: c.sessionId,
      sessionName: c.sessionName,
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      venueName: c.venueName,
      roles,
      memberCount: sizes.get(c.id) ?? 0,
      leaveCount: onLeave.size,
      roll: roll ? { version: roll.version, presentCount: roll.presentCount, markedAt: roll.markedAt } : null,
      handovers: {
        lastPeriodToCare: latestHandover(c.id, 'last_period_to_care'),
        careToDuty: latestHandover(c.id, 'care_to_duty'),
      },
      careLog: log ? { version: log.version, complete: log.complete === 1 } : null,
    };
  });
  // Caring roles first, then by time: the teacher's own class is the first card on the phone.
  const weight = (r: Role[]) => (r.includes('care') || r.includes('head') ? 0 : 1);
  items.sort((a, b) => weight(a.roles) - weight(b.roles) || a.startsAt.localeCompare(b.startsAt));

  const sessionIds = [...new Set(duties.map((d) => d.sessionId))];
  const [sessions, kept, leaders, admins, plan] = await Promise.all([
    staffStore.sessionTimes(db, school.id, sessionIds),
    staffStore.staffAttendanceOf(db, school.id, day, day, { userId: actor.userId }),
    store.rosteredOn(db, school.id, day, 'leader'),
    store.schoolAdmins(db, school.id),
    planOf(db, school.id),
  ]);
  const dutyItems = sessions
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .map((s) => {
      const k = kept.find((x) => x.sessionId === s.id);
      return {
        sessionId: s.id,
        sessionName: s.name,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        roles: [...new Set(duties.filter((d) => d.sessionId === s.id).map((d) => d.role))],
        attendance: k
          ? { status: k.status as 'on_time' | 'late' | 'absent', minutesLate: k.minutesLate }
          : null,
      };
    });
  // SAFE-3: who to call, in order: the day's duty leaders, the school's leaders, the plan's own
  // numbers, then the public emergency numbers.
  const contacts = [
    ...dedupe(leaders).map((u) => ({ label: 'leader', name: u.name, phone: u.phone ?? '' })),
    ...admins.map((u) => ({ label: 'admin', name: u.name, phone: u.phone ?? '' })),
    ...plan.contacts.map((c) => ({ label: 'other', name: c.label, phone: c.phone })),
    { label: 'police', name: '110', phone: '110' },
    { label: 'ambulance', name: '120', phone: '120' },
    { label: 'fire', name: '119', phone: '119' },
  ];
  return {
    date: day,
    classes: items,
    duties: dutyItems,
    emergency: { contacts, plan: plan.plan, planVersion: plan.version },
  };
}

function dedupe<T extends { userId: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(x.userId) && seen.add(x.userId));
}
