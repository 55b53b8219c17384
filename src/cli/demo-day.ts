// The demo's school day (issue 4): for each school's term in progress, the temporary classes are
// generated from the enrolled students by the groups service, each gets a temporary head teacher,
// the teachers volunteer (every afternoon, and every third teacher at noon too), and the duty
// roster is generated and published by the roster service. So on any school day of the term a care
// teacher signs in to their classes, and the duty leader to the board.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { generateTempClasses } from '../features/groups/service/generate';
import { generateDraftRoster } from '../features/groups/service/roster-generate';
import { publishRoster } from '../features/groups/service/roster-publish';
import type { Role } from '../features/people/rules';
import type { Actor } from '../server/auth/policies';
import type { AppContext } from '../server/context';
import { newId } from '../server/context';

const meta = { ip: null, locale: 'zh-CN' as const };

export async function actorOf(db: Kysely<DB>, userId: string): Promise<Actor> {
  const grants = await db
    .selectFrom('role_grants')
    .select(['role', 'district_id', 'school_id', 'class_id'])
    .where('user_id', '=', userId)
    .execute();
  return {
    userId,
    displayName: 'demo',
    locale: 'zh-CN',
    grants: grants.map((g) => ({
      role: g.role as Role,
      districtId: g.district_id,
      schoolId: g.school_id,
      classId: g.class_id,
    })),
  };
}

export async function seedDemoDay(
  ctx: AppContext,
  school: {
    id: string;
    termId: string;
    adminUserId: string;
    /** Head teacher of the homework-care class holding this student (the demo's own care teacher). */
    namedHead?: { userId: string; studentId: string };
  },
): Promise<{ classes: number; duties: number; unfilled: number }> {
  const db = ctx.db as Kysely<DB>;
  const admin = await actorOf(db, school.adminUserId);
  const at = ctx.now().toISOString();
  await generateTempClasses(ctx, admin, meta, school.id, school.termId, {});

  // Temporary head teachers (STAFF-3): the named one first, then the care teachers in turn.
  const classes = await db
    .selectFrom('temp_classes as t')
    .select(['t.id', 't.kind'])
    .where('t.term_id', '=', school.termId)
    .orderBy('t.name')
    .execute();
  const teachers = (
    await db
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select('u.id')
      .where('g.school_id', '=', school.id)
      .where('g.role', '=', 'care_teacher')
      .orderBy('u.username')
      .execute()
  ).map((t) => t.id);
  const heads = new Map<string, string>();
  if (school.namedHead) {
    const held = await db
      .selectFrom('temp_class_members as m')
      .innerJoin('temp_classes as t', 't.id', 'm.temp_class_id')
      .select('t.id')
      .where('m.student_id', '=', school.namedHead.studentId)
      .where('m.left_at', 'is', null)
      .where('t.term_id', '=', school.termId)
      .where('t.kind', '=', 'care')
      .executeTakeFirst();
    if (held) heads.set(held.id, school.namedHead.userId);
  }
  const free = teachers.filter((t) => t !== school.namedHead?.userId);
  for (const c of classes) if (!heads.has(c.id) && free.length) heads.set(c.id, free.shift()!);
  for (const [classId, userId] of heads)
    await db
      .updateTable('temp_classes')
      .set({ head_teacher_id: userId, updated_at: at })
      .where('id', '=', classId)
      .execute();

  // Volunteering (STAFF-5): every afternoon; every third teacher also at noon.
  const sessions = await db
    .selectFrom('term_sessions')
    .select(['id', 'kind', 'weekdays'])
    .where('term_id', '=', school.termId)
    .execute();
  const noonHeads = new Set(
    classes.filter((c) => c.kind === 'noon' && heads.has(c.id)).map((c) => heads.get(c.id)!),
  );
  const availability: DB['staff_availability'][] = [];
  teachers.forEach((userId, i) => {
    for (const s of sessions) {
      if (s.kind === 'noon' && i % 3 !== 0 && !noonHeads.has(userId)) continue;
      for (const weekday of s.weekdays.split(',').map(Number))
        availability.push({
          id: newId(),
          school_id: school.id,
          term_id: school.termId,
          user_id: userId,
          session_id: s.id,
          weekday,
          created_at: at,
        });
    }
  });
  if (availability.length) await db.insertInto('staff_availability').values(availability).execute();

  const draft = await generateDraftRoster(ctx, admin, meta, school.id, school.termId);
  await publishRoster(ctx, admin, meta, school.id, draft.id);
  return { classes: classes.length, duties: draft.dutyCount, unfilled: draft.unfilledCount };
}
