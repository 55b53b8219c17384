// Use cases for accounts: sign in and out, first sign-in with a one-time code, passwords, and "me".
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { accessSchool, auditor } from '../../server/auth/access';
import { decoyHash, hashPassword, verifyPassword } from '../../server/auth/passwords';
import { type Action, type Actor, can, policies } from '../../server/auth/policies';
import { createSession, type SessionActor } from '../../server/auth/sessions';
import { type AppContext, newId, type RequestMeta } from '../../server/context';
import { AppError } from '../../server/errors';
import { type AuditEntry, writeAudit } from '../audit/store';
import type { Role } from '../people/rules';
import { classLabel, normalisePhone } from '../people/rules';
import { findSchool, grantRow, listSchoolsByIds, userRow } from '../people/store';
import type {
  changePasswordRequest,
  createAdminInput,
  firstLoginRequest,
  loginRequest,
  Me,
  SetupSlip,
  setupCodesRequest,
} from './contract';
import { codeFromRandomBytes, loginLock, looksLikePhone, normaliseSetupCode } from './rules';
import * as store from './store';

type Meta = RequestMeta & { userAgent: string | null };

function accountKeyOf(account: string): { key: string; phone?: string; username?: string } {
  if (looksLikePhone(account)) {
    const phone = normalisePhone(account) ?? account.replace(/[\s-]/g, '');
    return { key: `phone:${phone}`, phone };
  }
  const username = account.trim();
  return { key: `user:${username.toLowerCase()}`, username };
}

async function checkLock(ctx: AppContext, accountKey: string, ip: string) {
  const limits = {
    maxFailuresPerAccount: ctx.config.loginMaxFailuresPerAccount,
    maxFailuresPerAddress: ctx.config.loginMaxFailuresPerAddress,
    windowMinutes: ctx.config.loginWindowMinutes,
  };
  const now = ctx.now();
  const since = new Date(now.getTime() - limits.windowMinutes * 60_000).toISOString();
  const failures = await store.recentFailures(ctx.db, accountKey, ip, since);
  const lock = loginLock(failures.account, failures.address, limits, now);
  if (lock.locked) throw new AppError('LOGIN_LOCKED', { minutes: lock.retryAfterMinutes });
}

async function recordFailure(ctx: AppContext, accountKey: string, ip: string) {
  await ctx.db
    .insertInto('login_failures')
    .values({ id: newId(), account_key: accountKey, ip, at: ctx.now().toISOString() })
    .execute();
}

export async function login(ctx: AppContext, meta: Meta, input: z.infer<typeof loginRequest>) {
  const account = accountKeyOf(input.account);
  const ip = meta.ip ?? 'unknown';
  await checkLock(ctx, account.key, ip);
  const user = await store.findUserByAccount(ctx.db, account);
  // Verify against a decoy when there is no usable hash, so the answer's timing reveals no account.
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  if (!user?.password_hash || !ok) {
    await recordFailure(ctx, account.key, ip);
    throw new AppError('LOGIN_FAILED');
  }
  if (user.disabled === 1) throw new AppError('ACCOUNT_DISABLED');
  await ctx.db.deleteFrom('login_failures').where('account_key', '=', account.key).execute();
  return createSession(ctx.db, ctx, user.id, meta);
}

/** A parent's (or new staff member's) first sign-in: the printed one-time code sets their password. */
export async function firstLogin(ctx: AppContext, meta: Meta, input: z.infer<typeof firstLoginRequest>) {
  const key = `code:${input.phone}`;
  const ip = meta.ip ?? 'unknown';
  await checkLock(ctx, key, ip);
  const user = await store.findUserByAccount(ctx.db, { phone: input.phone });
  const nowIso = ctx.now().toISOString();
  const codeHash = hashCode(normaliseSetupCode(input.code));
  const code = user
    ? await ctx.db
        .selectFrom('setup_codes')
        .select(['id', 'school_id'])
        .where('user_id', '=', user.id)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', nowIso)
        .executeTakeFirst()
    : undefined;
  if (!user || !code) {
    await recordFailure(ctx, key, ip);
    throw new AppError('SETUP_CODE_INVALID');
  }
  if (user.disabled === 1) throw new AppError('ACCOUNT_DISABLED');
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('setup_codes')
      .set({ used_at: nowIso })
      .where('id', '=', code.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    // Two taps at once: only the first redeems the code.
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('SETUP_CODE_INVALID');
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: nowIso })
      .where('id', '=', user.id)
      .execute();
    const school = await trx
      .selectFrom('schools')
      .select(['id', 'district_id as districtId'])
      .where('id', '=', code.school_id)
      .executeTakeFirst();
    await writeAudit(
      trx,
      auditor(
        ctx,
        { userId: user.id, displayName: user.display_name, grants: [], locale: user.locale },
        meta,
        school ?? null,
      )('user.password.set', 'user', user.id, null, { via: 'setup-code' }),
    );
    await trx.deleteFrom('login_failures').where('account_key', '=', key).execute();
    return createSession(trx, ctx, user.id, meta);
  });
}

export async function logout(ctx: AppContext, actor: SessionActor) {
  await ctx.db.deleteFrom('auth_sessions').where('id', '=', actor.sessionId).execute();
}

export async function changePassword(
  ctx: AppContext,
  actor: SessionActor,
  meta: Meta,
  input: z.infer<typeof changePasswordRequest>,
) {
  const user = await store.findUser(ctx.db, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new AppError('WRONG_CURRENT_PASSWORD');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const at = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: at })
      .where('id', '=', actor.userId)
      .execute();
    // Every other session of this account ends: a changed password locks out whoever knew the old one.
    await trx
      .deleteFrom('auth_sessions')
      .where('user_id', '=', actor.userId)
      .where('id', '!=', actor.sessionId)
      .execute();
    await writeAudit(trx, auditor(ctx, actor, meta, null)('user.password.change', 'user', actor.userId));
  });
}

export async function setLocale(ctx: AppContext, actor: SessionActor, meta: Meta, locale: 'zh-CN' | 'en') {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ locale, updated_at: ctx.now().toISOString() })
      .where('id', '=', actor.userId)
      .execute();
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, null)(
        'user.update',
        'user',
        actor.userId,
        { locale: actor.locale },
        { locale },
      ),
    );
  });
}

const allActions = Object.keys(policies) as Action[];

export async function me(ctx: AppContext, actor: SessionActor): Promise<Me> {
  const user = await store.findUser(ctx.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const schoolIds = [...new Set(actor.grants.flatMap((g) => (g.schoolId ? [g.schoolId] : [])))];
  const districtIds = [
    ...new Set(actor.grants.filter((g) => g.role === 'district_officer').map((g) => g.districtId)),
  ];
  const schools = await listSchoolsByIds(ctx.db, schoolIds, districtIds);
  return {
    user: {
      id: user.id,
      displayName: user.display_name,
      username: user.username,
      phone: user.phone,
      locale: user.locale,
    },
    csrfToken: actor.csrfToken,
    schools: schools.map((s) => {
      const grants = actor.grants.filter(
        (g) => g.schoolId === s.id || (g.schoolId === null && g.districtId === s.districtId),
      );
      return {
        ...s,
        roles: [...new Set(grants.map((g) => g.role))] as Role[],
        classIds: grants.flatMap((g) => (g.classId ? [g.classId] : [])),
        permissions: allActions.filter((a) => can(actor, a, s)),
      };
    }),
  };
}

function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/**
 * Issues one-time codes for first sign-in: for one account, or for every family of the actor's reach
 * (optionally one class) that has not set a password yet. A new code replaces any unused earlier one.
 */
export async function issueSetupCodes(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof setupCodesRequest>,
): Promise<{ school: string; items: SetupSlip[] }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school, scope } = await accessSchool(trx, actor, schoolId, 'setupCode.issue');
    let families = trx
      .selectFrom('guardians')
      .innerJoin('student_guardians', 'student_guardians.guardian_id', 'guardians.id')
      .innerJoin('students', 'students.id', 'student_guardians.student_id')
      .innerJoin('classes', 'classes.id', 'students.class_id')
      .innerJoin('users', 'users.id', 'guardians.user_id')
      .select([
        'users.id as userId',
        'users.display_name as displayName',
        'users.phone',
        'users.username',
        'users.password_hash as passwordHash',
        'students.name as childName',
        'classes.grade',
        'classes.class_no as classNo',
      ])
      .where('guardians.school_id', '=', school.id);
    if (!scope.all)
      families = families.where('students.class_id', 'in', scope.classIds.length ? scope.classIds : ['-']);
    if (input.classId) families = families.where('students.class_id', '=', input.classId);
    if (input.userId) families = families.where('users.id', '=', input.userId);
    else families = families.where('users.password_hash', 'is', null);
    const rows = await families
      .orderBy('classes.grade')
      .orderBy('classes.class_no')
      .orderBy('students.student_no')
      .execute();

    const slips = new Map<string, Omit<SetupSlip, 'code' | 'expiresAt'>>();
    for (const r of rows) {
      const slip = slips.get(r.userId) ?? {
        userId: r.userId,
        displayName: r.displayName,
        phone: r.phone,
        username: r.username,
        children: [],
      };
      slip.children.push({ name: r.childName, className: classLabel(r.grade, r.classNo, meta.locale) });
      slips.set(r.userId, slip);
    }
    // A staff account (no child at the school) can get a code from the school's administrator.
    if (input.userId && slips.size === 0 && scope.all) {
      const staff = await trx
        .selectFrom('users')
        .innerJoin('role_grants', 'role_grants.user_id', 'users.id')
        .select(['users.id', 'users.display_name', 'users.phone', 'users.username'])
        .where('users.id', '=', input.userId)
        .where('role_grants.school_id', '=', school.id)
        .executeTakeFirst();
      if (staff) {
        slips.set(staff.id, {
          userId: staff.id,
          displayName: staff.display_name,
          phone: staff.phone,
          username: staff.username,
          children: [],
        });
      }
    }
    if (input.userId && slips.size === 0) throw new AppError('NOT_FOUND');

    const now = ctx.now();
    const nowIso = now.toISOString();
    const expiresAt = new Date(now.getTime() + ctx.config.setupCodeDays * 86_400_000).toISOString();
    const userIds = [...slips.keys()];
    const items: SetupSlip[] = [];
    const rowsToInsert = [];
    const entries: AuditEntry[] = [];
    const audit = auditor(ctx, actor, meta, school);
    for (const userId of userIds) {
      let code = '';
      while (code.length < 8) code = codeFromRandomBytes(randomBytes(16));
      rowsToInsert.push({
        id: newId(),
        user_id: userId,
        school_id: school.id,
        code_hash: hashCode(code),
        issued_by: actor.userId,
        created_at: nowIso,
        expires_at: expiresAt,
        used_at: null,
      });
      items.push({ ...slips.get(userId)!, code, expiresAt });
      entries.push(audit('setupCode.issue', 'user', userId, null, { expiresAt }));
    }
    for (let i = 0; i < userIds.length; i += 500) {
      const part = userIds.slice(i, i + 500);
      await trx
        .updateTable('setup_codes')
        .set({ expires_at: nowIso })
        .where('user_id', 'in', part)
        .where('used_at', 'is', null)
        .where('expires_at', '>', nowIso)
        .execute();
    }
    for (let i = 0; i < rowsToInsert.length; i += 200) {
      await trx
        .insertInto('setup_codes')
        .values(rowsToInsert.slice(i, i + 200))
        .execute();
    }
    await writeAudit(trx, entries);
    const details = await findSchool(trx, school.id);
    return { school: details?.name ?? '', items };
  });
}

/** `kehou create-admin`: the first administrator of a school (made with the school if needed). */
export async function createAdmin(
  ctx: AppContext,
  input: z.infer<typeof createAdminInput> & { schoolCode: string },
): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const school = await trx
      .selectFrom('schools')
      .select(['id', 'district_id as districtId', 'code', 'name', 'timezone'])
      .where('code', '=', input.schoolCode)
      .executeTakeFirst();
    if (!school) throw new AppError('NOT_FOUND');
    const at = ctx.now().toISOString();
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN', { username: input.username });
    const userId = newId();
    await trx
      .insertInto('users')
      .values(
        userRow(
          {
            id: userId,
            username: input.username,
            phone: input.phone,
            displayName: input.displayName,
            passwordHash,
          },
          at,
        ),
      )
      .execute();
    await trx
      .insertInto('role_grants')
      .values(
        grantRow({ userId, role: 'school_admin', districtId: school.districtId, schoolId: school.id }, at),
      )
      .execute();
    const audit = auditor(ctx, null, { ip: null, locale: 'zh-CN' }, school);
    await writeAudit(trx, [
      audit('user.create', 'user', userId, null, {
        username: input.username,
        displayName: input.displayName,
        via: 'cli',
      }),
      audit('role.grant', 'user', userId, null, { role: 'school_admin' }),
    ]);
    return { userId };
  });
}
