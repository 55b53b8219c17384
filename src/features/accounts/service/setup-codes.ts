// One-time codes on printed slips. A first-sign-in code sets the password of an account that has
// none (a family from the roster, a new staff member). Replacing an existing password (a parent who
// forgot it) is a reset: only the school's administrator may issue it, and only for an account whose
// roles are all at this school, so no school can take over another school's or the district's people.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { insertInChunks } from '../../../db/batch';
import type { DB } from '../../../db/schema';
import { accessSchool, auditor } from '../../../server/auth/access';
import { codeCost, hashPassword } from '../../../server/auth/passwords';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type AuditEntry, writeAudit } from '../../audit/store';
import { classLabel } from '../../people/rules';
import { findSchool, heldElsewhere } from '../../people/store';
import type { SetupSlip, setupCodesRequest } from '../contract';
import { codeFromRandomBytes } from '../rules';

type Purpose = 'first' | 'reset';

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
        'students.name as childName',
        'classes.grade',
        'classes.class_no as classNo',
      ])
      .where('guardians.school_id', '=', school.id);
    if (!scope.all) {
      if (scope.classIds.length === 0) throw new AppError('FORBIDDEN');
      families = families.where('students.class_id', 'in', scope.classIds);
    }
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
    // A staff account (no child at the school) gets its code from the school's administrator.
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

    const purposes = new Map<string, Purpose>();
    if (input.userId) purposes.set(input.userId, await purposeFor(trx, input.userId, school.id, scope.all));
    else {
      // Accounts that also hold roles elsewhere are left to the school (or district) that made them.
      for (const userId of await heldElsewhere(trx, [...slips.keys()], school.id)) slips.delete(userId);
      for (const userId of slips.keys()) purposes.set(userId, 'first');
    }

    const now = ctx.now();
    const nowIso = now.toISOString();
    const expiresAt = new Date(now.getTime() + ctx.config.setupCodeDays * 86_400_000).toISOString();
    const userIds = [...slips.keys()];
    const codes = userIds.map(() => {
      let code = '';
      while (code.length < 8) code = codeFromRandomBytes(randomBytes(16));
      return code;
    });
    // Hashed a few at a time: each hash is deliberately slow, and the thread pool has four lanes.
    const hashes: string[] = [];
    for (let i = 0; i < codes.length; i += 8) {
      hashes.push(...(await Promise.all(codes.slice(i, i + 8).map((c) => hashPassword(c, codeCost)))));
    }
    // A new code replaces any unused earlier one of the same account.
    for (let i = 0; i < userIds.length; i += 500) {
      await trx
        .updateTable('setup_codes')
        .set({ expires_at: nowIso })
        .where('user_id', 'in', userIds.slice(i, i + 500))
        .where('used_at', 'is', null)
        .where('expires_at', '>', nowIso)
        .execute();
    }
    const audit = auditor(ctx, actor, meta, school);
    const entries: AuditEntry[] = [];
    const rowsToInsert: DB['setup_codes'][] = userIds.map((userId, i) => {
      const purpose = purposes.get(userId)!;
      entries.push(
        audit(purpose === 'reset' ? 'setupCode.reset' : 'setupCode.issue', 'user', userId, null, {
          expiresAt,
        }),
      );
      return {
        id: newId(),
        user_id: userId,
        school_id: school.id,
        code_hash: hashes[i]!,
        purpose,
        issued_by: actor.userId,
        created_at: nowIso,
        expires_at: expiresAt,
        used_at: null,
      };
    });
    await insertInChunks(trx, 'setup_codes', rowsToInsert);
    await writeAudit(trx, entries);
    const items = userIds.map((userId, i) => ({ ...slips.get(userId)!, code: codes[i]!, expiresAt }));
    return { school: (await findSchool(trx, school.id))?.name ?? '', items };
  });
}

/**
 * An account without a password gets a first-sign-in code. One with a password gets a reset code,
 * and only from the school's administrator, for an account whose roles are all at this school.
 */
async function purposeFor(
  db: Executor,
  userId: string,
  schoolId: string,
  isSchoolAdmin: boolean,
): Promise<Purpose> {
  if ((await heldElsewhere(db, [userId], schoolId)).length) throw new AppError('ACCOUNT_SHARED');
  const user = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (user.password_hash === null) return 'first';
  if (!isSchoolAdmin) throw new AppError('FORBIDDEN');
  return 'reset';
}
