// STAFF-3: keeping an offering's classes current after generation (篇四: 随学生加入和退出及时更新).
// Students enrolled since go to the class with room holding most of their classmates, else the
// smallest; when no class has room a class is added. Members no longer enrolled (withdrawn) have
// their membership ended, never deleted, so the roster's history stays.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { loadSettings } from '../../programme/settings';
import type { placeResult } from '../contract';
import { freeSeat, nextClassName, placeNewcomers } from '../membership-rules';
import { classCap, planClasses, tempClassKindOf } from '../rules';
import * as store from '../store';
import { capOfClass } from './common';

export async function placeNewStudents(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  offeringId: string,
): Promise<z.infer<typeof placeResult>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'tempClass.write');
    const offering = (await store.offeringsOfTerm(trx, school.id, termId, offeringId))[0];
    if (!offering) throw new AppError('NOT_FOUND');
    await store.lockOfferings(trx, ctx.dialect, [offering.id]);
    const settings = await loadSettings(trx, school.id);
    const [classes, memberships, enrolled] = await Promise.all([
      store.listClasses(trx, school.id, { termId, offeringId: offering.id }),
      store.membershipsInOffering(trx, offering.id),
      store.enrolledPupils(trx, [offering.id]),
    ]);
    const at = ctx.now().toISOString();
    const enrolledIds = new Set(enrolled.map((p) => p.id));
    const leavers = memberships.filter((m) => !enrolledIds.has(m.studentId));
    await store.endMemberships(
      trx,
      leavers.map((m) => m.id),
      at,
      actor.userId,
    );
    const staying = memberships.filter((m) => enrolledIds.has(m.studentId));
    const placedIds = new Set(staying.map((m) => m.studentId));
    const newcomers = enrolled.filter((p) => !placedIds.has(p.id));
    const homeOf = new Map(enrolled.map((p) => [p.id, p.homeClassId]));

    const { placements, overflow } = placeNewcomers(
      classes.map((c) => ({
        id: c.id,
        name: c.name,
        cap: capOfClass(c, settings),
        memberHomeClassIds: staying
          .filter((m) => m.tempClassId === c.id)
          .map((m) => homeOf.get(m.studentId)!),
      })),
      newcomers,
    );
    // Overflow: new classes for them, grouped by the same rules, named after the existing ones.
    const kind = tempClassKindOf(offering.kind, offering.sessionKind);
    const cap = classCap(kind, settings, offering.venueCapacity);
    const names = classes.map((c) => c.name);
    const extra = planClasses({
      kind,
      offeringName: offering.name,
      pupils: overflow,
      cap,
      noonGroupMin: settings.noonGroupMin,
    }).map((p) => {
      const name = nextClassName(kind, offering.name, names);
      names.push(name);
      return { id: newId(), name, students: p.students };
    });
    await store.insertClasses(
      trx,
      extra.map((c) => ({
        id: c.id,
        school_id: school.id,
        term_id: termId,
        session_id: offering.sessionId,
        offering_id: offering.id,
        kind,
        name: c.name,
        venue_id: null,
        head_teacher_id: null,
        created_at: at,
        updated_at: at,
      })),
    );
    const seats = new Map<string, (number | null)[]>();
    for (const c of classes)
      seats.set(
        c.id,
        staying.filter((m) => m.tempClassId === c.id).map((m) => m.seatNo),
      );
    for (const c of extra) seats.set(c.id, []);
    const rows = [
      ...placements,
      ...extra.flatMap((c) => c.students.map((studentId) => ({ studentId, classId: c.id }))),
    ].map((p) => {
      const taken = seats.get(p.classId)!;
      const seatNo = freeSeat(taken);
      taken.push(seatNo);
      return {
        id: newId(),
        temp_class_id: p.classId,
        offering_id: offering.id,
        student_id: p.studentId,
        seat_no: seatNo,
        joined_at: at,
        left_at: null,
        changed_by: actor.userId,
      };
    });
    await store.insertMembers(trx, rows);
    await writeAudit(trx, [
      auditor(ctx, actor, meta, school)(
        'tempClass.place',
        'offering',
        offering.id,
        { left: leavers.map((m) => ({ studentId: m.studentId, classId: m.tempClassId })) },
        {
          placed: rows.map((r) => ({ studentId: r.student_id, classId: r.temp_class_id, seatNo: r.seat_no })),
          classesAdded: extra.map((c) => ({ id: c.id, name: c.name })),
        },
      ),
    ]);
    return { placed: rows.length, left: leavers.length, classesAdded: extra.length };
  });
}
