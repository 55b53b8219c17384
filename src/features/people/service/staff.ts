// Use cases for the school's staff and their roles. One person may hold several roles in several schools.
import type { z } from 'zod';
import { forUpdate } from '../../../db/dialect';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type AuditEntry, writeAudit } from '../../audit/store';
import type { grantCreate, StaffMember, staffCreate, staffUpdate } from '../contract';
import { type Role, roleScope } from '../rules';
import * as store from '../store';

export async function listStaff(ctx: AppContext, actor: Actor, schoolId: string): Promise<StaffMember[]> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'staff.read');
  const rows = await ctx.db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select([
      'role_grants.id as grantId',
      'role_grants.role',
      'role_grants.class_id as classId',
      'users.id as userId',
      'users.display_name as displayName',
      'users.username',
      'users.phone',
      'users.disabled',
    ])
    .where('role_grants.school_id', '=', school.id)
    .where('role_grants.role', '!=', 'parent')
    .orderBy('users.display_name')
    .execute();
  const byUser = new Map<string, StaffMember>();
  for (const r of rows) {
    const member = byUser.get(r.userId) ?? {
      userId: r.userId,
      displayName: r.displayName,
      username: r.username,
      phone: r.phone,
      disabled: r.disabled === 1,
      grants: [],
    };
    member.grants.push({ id: r.grantId, role: r.role as Role, classId: r.classId });
    byUser.set(r.userId, member);
  }
  return [...byUser.values()];
}

async function checkGrantScope(
  db: Parameters<typeof store.findClassById>[0],
  schoolId: string,
  role: Role,
  classId: string | undefined,
) {
  if (roleScope[role] === 'district') throw new AppError('ROLE_NOT_FOR_SCHOOL');
  if (roleScope[role] === 'class') {
    if (!classId) throw new AppError('ROLE_NEEDS_CLASS');
    if (!(await store.findClassById(db, schoolId, classId))) throw new AppError('NOT_FOUND');
    return classId;
  }
  return null;
}

async function hasGrant(db: Executor, userId: string, schoolId: string, role: Role, classId: string | null) {
  let query = db
    .selectFrom('role_grants')
    .select('id')
    .where('user_id', '=', userId)
    .where('school_id', '=', schoolId)
    .where('role', '=', role);
  query = classId ? query.where('class_id', '=', classId) : query.where('class_id', 'is', null);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createStaff(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof staffCreate>,
): Promise<StaffMember[]> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'staff.write');
    const classId = await checkGrantScope(trx, school.id, input.role, input.classId);
    const at = ctx.now().toISOString();
    const audit = auditor(ctx, actor, meta, school);
    const entries: AuditEntry[] = [];
    // The same person may already have an account here (a parent of this school): reuse it. An
    // account holding roles at another school or the district is not this school's to take.
    let user = input.phone
      ? await trx
          .selectFrom('users')
          .select(['id', 'username'])
          .where('phone', '=', input.phone)
          .executeTakeFirst()
      : undefined;
    if (user && (await store.heldElsewhere(trx, [user.id], school.id)).length) {
      throw new AppError('PHONE_TAKEN', { phone: input.phone ?? '' });
    }
    if (input.username) {
      const byName = await trx
        .selectFrom('users')
        .select(['id', 'username'])
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (byName && byName.id !== user?.id)
        throw new AppError('USERNAME_TAKEN', { username: input.username });
      if (user && !user.username) {
        await trx
          .updateTable('users')
          .set({ username: input.username, updated_at: at })
          .where('id', '=', user.id)
          .execute();
        entries.push(audit('user.update', 'user', user.id, { username: null }, { username: input.username }));
      }
    }
    if (!user) {
      user = { id: newId(), username: input.username ?? null };
      await trx
        .insertInto('users')
        .values(
          store.userRow(
            { id: user.id, username: input.username, phone: input.phone, displayName: input.displayName },
            at,
          ),
        )
        .execute();
      entries.push(
        audit('user.create', 'user', user.id, null, {
          displayName: input.displayName,
          username: input.username ?? null,
          phone: input.phone ?? null,
        }),
      );
    }
    if (!(await hasGrant(trx, user.id, school.id, input.role, classId))) {
      await trx
        .insertInto('role_grants')
        .values(
          store.grantRow(
            {
              userId: user.id,
              role: input.role,
              districtId: school.districtId,
              schoolId: school.id,
              classId,
            },
            at,
          ),
        )
        .execute();
      entries.push(audit('role.grant', 'user', user.id, null, { role: input.role, classId }));
    }
    await writeAudit(trx, entries);
  });
  return listStaff(ctx, actor, schoolId);
}

export async function grantRole(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  userId: string,
  input: z.infer<typeof grantCreate>,
): Promise<StaffMember[]> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'staff.write');
    const member = await trx
      .selectFrom('role_grants')
      .select('id')
      .where('user_id', '=', userId)
      .where('school_id', '=', school.id)
      .executeTakeFirst();
    if (!member) throw new AppError('NOT_FOUND');
    const classId = await checkGrantScope(trx, school.id, input.role, input.classId);
    if (await hasGrant(trx, userId, school.id, input.role, classId)) return;
    await trx
      .insertInto('role_grants')
      .values(
        store.grantRow(
          { userId, role: input.role, districtId: school.districtId, schoolId: school.id, classId },
          ctx.now().toISOString(),
        ),
      )
      .execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('role.grant', 'user', userId, null, { role: input.role, classId }),
    );
  });
  return listStaff(ctx, actor, schoolId);
}

export async function revokeRole(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  userId: string,
  grantId: string,
): Promise<StaffMember[]> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'staff.write');
    const grant = await trx
      .selectFrom('role_grants')
      .select(['id', 'role', 'class_id'])
      .where('id', '=', grantId)
      .where('user_id', '=', userId)
      .where('school_id', '=', school.id)
      .executeTakeFirst();
    if (!grant) throw new AppError('NOT_FOUND');
    if (grant.role === 'school_admin') {
      // Locked while counted, so two admins removing each other at once cannot leave none.
      const admins = await forUpdate(
        ctx.dialect,
        trx
          .selectFrom('role_grants')
          .select('id')
          .where('school_id', '=', school.id)
          .where('role', '=', 'school_admin'),
      ).execute();
      if (admins.length <= 1) throw new AppError('LAST_ADMIN');
    }
    await trx.deleteFrom('role_grants').where('id', '=', grantId).execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'role.revoke',
        'user',
        userId,
        { role: grant.role, classId: grant.class_id },
        null,
      ),
    );
  });
  return listStaff(ctx, actor, schoolId);
}

/** Edits a staff member's name, phone, or disables the account (which ends all its sessions at once). */
export async function updateStaff(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  userId: string,
  input: z.infer<typeof staffUpdate>,
): Promise<StaffMember[]> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'staff.write');
    const grants = await trx
      .selectFrom('role_grants')
      .select(['school_id', 'role'])
      .where('user_id', '=', userId)
      .execute();
    if (!grants.some((g) => g.school_id === school.id && g.role !== 'parent'))
      throw new AppError('NOT_FOUND');
    const user = await trx
      .selectFrom('users')
      .select(['display_name', 'phone', 'disabled'])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    // An account with roles at another school or the district is edited where it was made.
    const shared = grants.some((g) => g.school_id !== school.id);
    if (input.displayName !== undefined && input.displayName !== user.display_name) {
      if (shared) throw new AppError('ACCOUNT_SHARED');
      before.displayName = user.display_name;
      after.displayName = input.displayName;
    }
    if (input.phone !== undefined && input.phone !== user.phone) {
      if (shared) throw new AppError('ACCOUNT_SHARED');
      if (input.phone) {
        const owner = await trx
          .selectFrom('users')
          .select('id')
          .where('phone', '=', input.phone)
          .executeTakeFirst();
        if (owner && owner.id !== userId) throw new AppError('PHONE_TAKEN', { phone: input.phone });
      }
      before.phone = user.phone;
      after.phone = input.phone;
    }
    if (input.disabled !== undefined && input.disabled !== (user.disabled === 1)) {
      if (userId === actor.userId) throw new AppError('FORBIDDEN');
      if (shared) throw new AppError('ACCOUNT_SHARED');
      before.disabled = user.disabled === 1;
      after.disabled = input.disabled;
    }
    if (Object.keys(after).length === 0) return;
    await trx
      .updateTable('users')
      .set({
        ...(after.displayName !== undefined ? { display_name: after.displayName as string } : {}),
        ...('phone' in after ? { phone: after.phone as string | null } : {}),
        ...(after.disabled !== undefined ? { disabled: after.disabled ? 1 : 0 } : {}),
        updated_at: ctx.now().toISOString(),
      })
      .where('id', '=', userId)
      .execute();
    if (after.disabled === true)
      await trx.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
    await writeAudit(trx, auditor(ctx, actor, meta, school)('user.update', 'user', userId, before, after));
  });
  return listStaff(ctx, actor, schoolId);
}
