// Use cases for guardians (家长) and the adults a family authorises to collect a child (DAY-4).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type AuditEntry, writeAudit } from '../../audit/store';
import type { adultInput, guardianInput, StudentDetail } from '../contract';
import * as store from '../store';
import { getStudent } from './students';

/**
 * A guardian's phone is their login: the user with that phone is found or made (without a password;
 * it is set at first login with a one-time code) and given the parent role in the school.
 * Returns whether an account was created.
 */
export async function ensureParentAccount(
  db: Executor,
  school: { id: string; districtId: string },
  guardian: { id: string; name: string; phone: string; user_id: string | null },
  at: string,
  audit: (action: string, entity: string, entityId: string, before?: unknown, after?: unknown) => AuditEntry,
  entries: AuditEntry[],
): Promise<boolean> {
  let created = false;
  let userId = guardian.user_id;
  if (!userId) {
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where('phone', '=', guardian.phone)
      .executeTakeFirst();
    if (existing) {
      userId = existing.id;
      entries.push(
        audit('guardian.account', 'guardian', guardian.id, null, { userId, phone: guardian.phone }),
      );
    } else {
      const user = store.userRow({ phone: guardian.phone, displayName: guardian.name }, at);
      userId = user.id;
      await db.insertInto('users').values(user).execute();
      entries.push(
        audit('user.create', 'user', userId, null, { phone: guardian.phone, displayName: guardian.name }),
      );
      created = true;
    }
    await db
      .updateTable('guardians')
      .set({ user_id: userId, updated_at: at })
      .where('id', '=', guardian.id)
      .execute();
  }
  const hasGrant = await db
    .selectFrom('role_grants')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'parent')
    .where('school_id', '=', school.id)
    .executeTakeFirst();
  if (!hasGrant) {
    await db
      .insertInto('role_grants')
      .values(
        store.grantRow({ userId, role: 'parent', districtId: school.districtId, schoolId: school.id }, at),
      )
      .execute();
    entries.push(audit('role.grant', 'user', userId, null, { role: 'parent', schoolId: school.id }));
  }
  return created;
}

export async function addGuardian(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  input: z.infer<typeof guardianInput>,
): Promise<StudentDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'guardian.write');
    const student = await store.findStudent(trx, access.school.id, studentId, access.scope);
    if (!student) throw new AppError('NOT_FOUND');
    const at = ctx.now().toISOString();
    const audit = auditor(ctx, actor, meta, access.school);
    const entries: AuditEntry[] = [];
    let guardian = await store.findGuardianByPhone(trx, access.school.id, input.phone);
    if (!guardian) {
      guardian = {
        id: newId(),
        school_id: access.school.id,
        name: input.name,
        phone: input.phone,
        user_id: null,
        created_at: at,
        updated_at: at,
      };
      await trx.insertInto('guardians').values(guardian).execute();
      entries.push(
        audit('guardian.create', 'guardian', guardian.id, null, { name: input.name, phone: input.phone }),
      );
    } else if (guardian.name !== input.name) {
      // The phone is the guardian's login: never link it to a child under someone else's name.
      throw new AppError('GUARDIAN_PHONE_OTHER_NAME', { phone: input.phone, name: guardian.name });
    }
    const links = await store.guardiansOf(trx, [studentId]);
    const link = links.find((l) => l.id === guardian.id);
    const isPrimary = input.isPrimary || links.length === 0 || (links.length === 1 && link !== undefined);
    if (isPrimary) {
      await trx
        .updateTable('student_guardians')
        .set({ is_primary: 0 })
        .where('student_id', '=', studentId)
        .execute();
    }
    if (link) {
      await trx
        .updateTable('student_guardians')
        .set({ relation: input.relation, is_primary: isPrimary ? 1 : link.isPrimary })
        .where('student_id', '=', studentId)
        .where('guardian_id', '=', guardian.id)
        .execute();
      entries.push(
        audit(
          'guardian.link.update',
          'student',
          studentId,
          { guardianId: guardian.id, relation: link.relation, isPrimary: link.isPrimary === 1 },
          { guardianId: guardian.id, relation: input.relation, isPrimary },
        ),
      );
    } else {
      await trx
        .insertInto('student_guardians')
        .values({
          student_id: studentId,
          guardian_id: guardian.id,
          relation: input.relation,
          is_primary: isPrimary ? 1 : 0,
          created_at: at,
        })
        .execute();
      entries.push(
        audit('guardian.link', 'student', studentId, null, {
          guardianId: guardian.id,
          relation: input.relation,
          isPrimary,
        }),
      );
    }
    await ensureParentAccount(trx, access.school, guardian, at, audit, entries);
    await writeAudit(trx, entries);
  });
  return getStudent(ctx, actor, schoolId, studentId);
}

export async function unlinkGuardian(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  guardianId: string,
): Promise<StudentDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'guardian.write');
    const student = await store.findStudent(trx, access.school.id, studentId, access.scope);
    if (!student) throw new AppError('NOT_FOUND');
    const links = await store.guardiansOf(trx, [studentId]);
    const link = links.find((l) => l.id === guardianId);
    if (!link) throw new AppError('NOT_FOUND');
    await trx
      .deleteFrom('student_guardians')
      .where('student_id', '=', studentId)
      .where('guardian_id', '=', guardianId)
      .execute();
    const audit = auditor(ctx, actor, meta, access.school);
    const entries = [
      audit(
        'guardian.unlink',
        'student',
        studentId,
        { guardianId, relation: link.relation, name: link.name },
        null,
      ),
    ];
    // A parent with no child left at this school loses the parent role there at once.
    const remaining = await trx
      .selectFrom('student_guardians')
      .select('student_id')
      .where('guardian_id', '=', guardianId)
      .executeTakeFirst();
    if (!remaining && link.userId) {
      const removed = await trx
        .deleteFrom('role_grants')
        .where('user_id', '=', link.userId)
        .where('role', '=', 'parent')
        .where('school_id', '=', access.school.id)
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) > 0) {
        entries.push(
          audit('role.revoke', 'user', link.userId, { role: 'parent', schoolId: access.school.id }, null),
        );
      }
    }
    if (link.isPrimary === 1) {
      const next = links.find((l) => l.id !== guardianId);
      if (next) {
        entries.push(
          audit('guardian.primary', 'student', studentId, { guardianId }, { guardianId: next.id }),
        );
        await trx
          .updateTable('student_guardians')
          .set({ is_primary: 1 })
          .where('student_id', '=', studentId)
          .where('guardian_id', '=', next.id)
          .execute();
      }
    }
    await writeAudit(trx, entries);
  });
  return getStudent(ctx, actor, schoolId, studentId);
}

export async function addAdult(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  input: z.infer<typeof adultInput>,
): Promise<StudentDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'adult.write');
    const student = await store.findStudent(trx, access.school.id, studentId, access.scope);
    if (!student) throw new AppError('NOT_FOUND');
    const row = {
      id: newId(),
      school_id: access.school.id,
      student_id: studentId,
      name: input.name,
      relation: input.relation,
      phone: input.phone ?? null,
      revoked_at: null,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    };
    await trx.insertInto('authorised_adults').values(row).execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, access.school)('adult.authorise', 'student', studentId, null, input),
    );
  });
  return getStudent(ctx, actor, schoolId, studentId);
}

/** Revoking takes effect at once and keeps the row, so past releases still name who collected. */
export async function revokeAdult(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  adultId: string,
): Promise<StudentDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const access = await accessSchool(trx, actor, schoolId, 'adult.write');
    const student = await store.findStudent(trx, access.school.id, studentId, access.scope);
    if (!student) throw new AppError('NOT_FOUND');
    const adult = (await store.adultsOf(trx, studentId)).find((a) => a.id === adultId);
    if (!adult) throw new AppError('NOT_FOUND');
    if (adult.revokedAt) return;
    const at = ctx.now().toISOString();
    await trx.updateTable('authorised_adults').set({ revoked_at: at }).where('id', '=', adultId).execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, access.school)(
        'adult.revoke',
        'student',
        studentId,
        { adultId, name: adult.name },
        { adultId, revokedAt: at },
      ),
    );
  });
  return getStudent(ctx, actor, schoolId, studentId);
}
