// STAFF-5: staff volunteer (自愿报名) per term for session × weekday, on their phone, with an
// optional cap on duties per week; the school sets each one's subject (to mix subjects) and can
// fill in the form for a teacher without a phone. Every change is audited before/after.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type {
  AvailabilityView,
  availabilityInput,
  profileInput,
  staffAvailabilityList,
} from '../roster-contract';
import * as store from '../roster-store';
import { loadTermOf, sessionsOf } from './roster-common';

/** 'me' names the caller; anyone else's form is the school's to see and fill. */
async function resolveTarget(db: Executor, actor: Actor, schoolId: string, userId: string) {
  const self = userId === 'me' || userId === actor.userId;
  const { school } = await accessSchool(db, actor, schoolId, self ? 'availability.write' : 'duty.write');
  const target = self ? actor.userId : userId;
  const staff = (await store.rosterableStaff(db, school.id)).find((s) => s.userId === target);
  if (!staff) throw new AppError('NOT_FOUND');
  return { school, staff };
}

export async function getAvailability(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  userId: string,
): Promise<AvailabilityView> {
  const { school, staff } = await resolveTarget(ctx.db, actor, schoolId, userId);
  const term = await loadTermOf(ctx.db, school.id, termId);
  const [sessions, slots] = await Promise.all([
    sessionsOf(ctx.db, term.id),
    store.availabilityOf(ctx.db, term.id, [staff.userId]),
  ]);
  return {
    termId: term.id,
    userId: staff.userId,
    name: staff.name,
    subject: staff.subject,
    maxDutiesPerWeek: staff.maxDutiesPerWeek,
    slots: slots.map((s) => ({ sessionId: s.sessionId, weekday: s.weekday })),
    sessions,
  };
}

export async function saveAvailability(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  userId: string,
  input: z.infer<typeof availabilityInput>,
): Promise<AvailabilityView> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school, staff } = await resolveTarget(trx, actor, schoolId, userId);
    const term = await loadTermOf(trx, school.id, termId);
    const sessions = new Map((await sessionsOf(trx, term.id)).map((s) => [s.id, s]));
    const unique = new Map(input.slots.map((s) => [`${s.sessionId}:${s.weekday}`, s]));
    for (const s of unique.values()) {
      const session = sessions.get(s.sessionId);
      if (!session) throw new AppError('NOT_FOUND');
      if (!session.weekdays.includes(s.weekday))
        throw new AppError('AVAILABILITY_SLOT_INVALID', { session: session.name, weekday: s.weekday });
    }
    const before = await store.availabilityOf(trx, term.id, [staff.userId]);
    const at = ctx.now().toISOString();
    await store.replaceAvailability(
      trx,
      school.id,
      term.id,
      staff.userId,
      [...unique.values()].map((s) => ({ ...s, id: newId() })),
      at,
    );
    const audit = auditor(ctx, actor, meta, school);
    const entries = [
      audit(
        'availability.save',
        'staff_availability',
        `${term.id}:${staff.userId}`,
        { slots: before.map((s) => `${s.sessionId}:${s.weekday}`) },
        { slots: [...unique.keys()].sort() },
      ),
    ];
    if (input.maxDutiesPerWeek !== undefined && input.maxDutiesPerWeek !== staff.maxDutiesPerWeek) {
      await store.upsertProfile(trx, {
        school_id: school.id,
        user_id: staff.userId,
        subject: staff.subject,
        max_duties_per_week: input.maxDutiesPerWeek,
        updated_at: at,
      });
      entries.push(
        audit(
          'staffProfile.update',
          'staff_profile',
          staff.userId,
          { maxDutiesPerWeek: staff.maxDutiesPerWeek },
          { maxDutiesPerWeek: input.maxDutiesPerWeek },
        ),
      );
    }
    await writeAudit(trx, entries);
  });
  return getAvailability(ctx, actor, schoolId, termId, userId);
}

/** The school's subject and cap for a staff member. */
export async function setStaffProfile(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  userId: string,
  input: z.infer<typeof profileInput>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'duty.write');
    const staff = (await store.rosterableStaff(trx, school.id)).find((s) => s.userId === userId);
    if (!staff) throw new AppError('NOT_FOUND');
    await store.upsertProfile(trx, {
      school_id: school.id,
      user_id: userId,
      subject: input.subject,
      max_duties_per_week: input.maxDutiesPerWeek,
      updated_at: ctx.now().toISOString(),
    });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'staffProfile.update',
        'staff_profile',
        userId,
        { subject: staff.subject, maxDutiesPerWeek: staff.maxDutiesPerWeek },
        input,
      ),
    );
    return { userId, subject: input.subject, maxDutiesPerWeek: input.maxDutiesPerWeek };
  });
}

/** Every rosterable staff member with their profile and how many slots they volunteered. */
export async function listStaffAvailability(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<z.infer<typeof staffAvailabilityList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'duty.write');
  const term = await loadTermOf(ctx.db, school.id, termId);
  const staff = await store.rosterableStaff(ctx.db, school.id);
  const slots = await store.availabilityOf(ctx.db, term.id);
  const count = new Map<string, number>();
  for (const s of slots) count.set(s.userId, (count.get(s.userId) ?? 0) + 1);
  return {
    items: staff.map((s) => ({
      userId: s.userId,
      name: s.name,
      roles: s.roles,
      subject: s.subject,
      maxDutiesPerWeek: s.maxDutiesPerWeek,
      slotCount: count.get(s.userId) ?? 0,
      outside: s.roles.every((r) => r === 'outside_staff'),
    })),
  };
}
