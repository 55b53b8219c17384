// Passwords and preferences of the signed-in account.
import type { z } from 'zod';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';
import type { SessionActor } from '../../../server/auth/sessions';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { changePasswordRequest } from '../contract';
import * as store from '../store';
import { auditRowsForUser } from './audit-user';

type Meta = RequestMeta & { userAgent: string | null };

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
    await writeAudit(trx, await auditRowsForUser(trx, ctx, actor.userId, meta, 'user.password.change', null));
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
      await auditRowsForUser(
        trx,
        ctx,
        actor.userId,
        meta,
        'user.update',
        { locale },
        { locale: actor.locale },
      ),
    );
  });
}
