// `kehou create-admin`: the first administrator of a school.
import type { z } from 'zod';
import { auditor } from '../../../server/auth/access';
import { hashPassword } from '../../../server/auth/passwords';
import { type AppContext, newId } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { grantRow, userRow } from '../../people/store';
import type { createAdminInput } from '../contract';

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
