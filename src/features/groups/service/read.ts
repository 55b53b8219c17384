// Reading temporary classes: the admin's overview per offering, the class list, a class with its
// members, a child's classes for the family, and the three papers of STAFF-3 (花名册, 座位表, 点名册).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { isGuardianOf } from '../../enrolment/draw-store';
import { maskPhone } from '../../people/rules';
import { findSchool } from '../../people/store';
import { schoolDays, type TermDay } from '../../programme/rules';
import { loadSettings } from '../../programme/settings';
import { addDays } from '../../programme/time';
import type {
  classDetail,
  classList,
  classListQuery,
  offeringSummaryList,
  printQuery,
  printView,
  studentClassList,
} from '../contract';
import * as lookup from '../lookup-store';
import { seatPosition, sessionDates } from '../membership-rules';
import { classCap, tempClassKindOf } from '../rules';
import * as store from '../store';
import { writeTempClasses } from '../xlsx';
import { loadClass, toClassView } from './common';

export async function listOfferingSummaries(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<z.infer<typeof offeringSummaryList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'tempClass.read');
  const term = await lookup.termOf(ctx.db, school.id, termId);
  if (!term) throw new AppError('NOT_FOUND');
  const [offerings, enrolled, classes, settings] = await Promise.all([
    store.offeringsOfTerm(ctx.db, school.id, term.id),
    store.enrolledCounts(ctx.db, term.id),
    store.listClasses(ctx.db, school.id, { termId: term.id }),
    loadSettings(ctx.db, school.id),
  ]);
  const ids = classes.map((c) => c.id);
  const [counts, rolled] = await Promise.all([
    store.memberCounts(ctx.db, ids),
    store.rollCalledClasses(ctx.db, ids),
  ]);
  return {
    items: offerings.map((o) => {
      const mine = classes.filter((c) => c.offeringId === o.id);
      const kind = tempClassKindOf(o.kind, o.sessionKind);
      return {
        id: o.id,
        name: o.name,
        kind,
        sessionId: o.sessionId,
        sessionName: o.sessionName,
        venueName: o.venueName,
        cap: classCap(kind, settings, o.venueCapacity),
        enrolled: enrolled.get(o.id) ?? 0,
        placed: mine.reduce((s, c) => s + (counts.get(c.id) ?? 0), 0),
        classes: mine.length,
        rollCallTaken: mine.some((c) => rolled.has(c.id)),
      };
    }),
  };
}

export async function listTempClasses(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  query: z.infer<typeof classListQuery>,
): Promise<z.infer<typeof classList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'tempClass.read');
  const classes = await store.listClasses(ctx.db, school.id, { termId, ...query });
  const [counts, settings] = await Promise.all([
    store.memberCounts(
      ctx.db,
      classes.map((c) => c.id),
    ),
    loadSettings(ctx.db, school.id),
  ]);
  return { items: classes.map((c) => toClassView(c, counts.get(c.id) ?? 0, settings)) };
}

export async function readClassDetail(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  classId: string,
): Promise<z.infer<typeof classDetail>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'tempClass.read');
  const cls = await loadClass(ctx.db, school.id, classId);
  const [members, settings, teachers] = await Promise.all([
    lookup.memberDetails(ctx.db, cls.id),
    loadSettings(ctx.db, school.id),
    lookup.schoolTeachers(ctx.db, school.id),
  ]);
  return {
    class: toClassView(cls, members.length, settings),
    members: members.map(({ memberId: _m, homeClassId: _h, ...m }) => m),
    seatRowWidth: settings.seatRowWidth,
    teachers,
  };
}

/** "Which temporary class is my child in": the family sees only its own child's class names. */
export async function studentTempClasses(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  studentId: string,
  termId: string,
): Promise<z.infer<typeof studentClassList>> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'tempClass.ofStudent');
  const student = await lookup.studentBrief(ctx.db, school.id, studentId);
  if (!student) throw new AppError('NOT_FOUND');
  if (!scope.all) {
    const reached =
      scope.classIds.includes(student.classId) ||
      (scope.familyOf !== null && (await isGuardianOf(ctx.db, scope.familyOf, student.id)));
    // A child outside your reach does not exist for you.
    if (!reached) throw new AppError('NOT_FOUND');
  }
  const rows = await store.classesOfStudent(ctx.db, student.id, termId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      offeringName: r.offeringName,
      sessionName: r.sessionName,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      venueName: r.venueName,
      headTeacherName: r.headTeacherName,
    })),
  };
}

/**
 * A paper of STAFF-3 for printing on A4. Names with (masked) guardian phones leave the building on
 * paper, so every print is audited like the school roster's (SAFE-2).
 */
export async function printTempClass(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  classId: string,
  query: z.infer<typeof printQuery>,
): Promise<z.infer<typeof printView>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'tempClass.read');
  const cls = await loadClass(ctx.db, school.id, classId);
  const [members, settings, schoolRow, term, session] = await Promise.all([
    lookup.memberDetails(ctx.db, cls.id),
    loadSettings(ctx.db, school.id),
    findSchool(ctx.db, school.id),
    lookup.termOf(ctx.db, school.id, cls.termId),
    lookup.sessionOf(ctx.db, cls.sessionId),
  ]);
  if (!term) throw new AppError('NOT_FOUND');
  const phones =
    query.sheet === 'roster'
      ? await lookup.guardianPhones(
          ctx.db,
          members.map((m) => m.studentId),
        )
      : new Map<string, string>();
  let dates: string[] = [];
  if (query.sheet === 'roll') {
    const exceptions = (await lookup.termExceptions(ctx.db, term.id)) as TermDay[];
    const days = schoolDays(term, exceptions);
    const weekdays = session.weekdays.split(',').map(Number);
    const [from, to] = query.from
      ? [query.from, addDays(query.from, 6)]
      : monthRange(query.month ?? term.startsOn.slice(0, 7));
    dates = sessionDates(days, weekdays, from, to);
  }
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('tempClass.print', 'temp_class', cls.id, null, {
      sheet: query.sheet,
      rows: members.length,
      ...(query.month ? { month: query.month } : {}),
      ...(query.from ? { from: query.from } : {}),
    }),
  );
  return {
    sheet: query.sheet,
    schoolName: schoolRow?.name ?? '',
    termName: term.name,
    class: toClassView(cls, members.length, settings),
    sessionTime: `${session.startsAt}–${session.endsAt}`,
    members: members.map(({ memberId: _m, homeClassId: _h, ...m }) => {
      const pos = m.seatNo !== null ? seatPosition(m.seatNo, settings.seatRowWidth) : null;
      const phone = phones.get(m.studentId);
      return {
        ...m,
        guardianPhone: phone ? maskPhone(phone) : null,
        row: pos?.row ?? null,
        col: pos?.col ?? null,
      };
    }),
    seatRowWidth: settings.seatRowWidth,
    dates,
  };
}

function monthRange(month: string): [string, string] {
  return [`${month}-01`, `${month}-31`];
}

/** The term's classes in Excel; an export of children's names is recorded (SAFE-2). */
/** The whole term's classes with every child (SAFE-2): the school's leaders only, audited. */
export async function exportTempClasses(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  offeringId: string | undefined,
): Promise<{ file: Buffer; filename: string }> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'tempClass.export');
  const term = await lookup.termOf(ctx.db, school.id, termId);
  if (!term) throw new AppError('NOT_FOUND');
  const rows = await lookup.termMembers(ctx.db, school.id, term.id, offeringId);
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('tempClass.export', 'term', term.id, null, {
      offeringId: offeringId ?? null,
      rows: rows.length,
    }),
  );
  const file = await writeTempClasses(rows);
  return { file, filename: `temp-classes-${ctx.now().toISOString().slice(0, 10)}.xlsx` };
}
