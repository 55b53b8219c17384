// Signing in and out, and the first sign-in with a one-time code. Every attempt is recorded before
// its password is checked, so concurrent guesses cannot slip past the limit (rule: 5 per account
// and 30 per address in 15 minutes, settings).
import type { z } from 'zod';
import { decoyHash, hashPassword, verifyPassword } from '../../../server/auth/passwords';
import { createSession, type SessionActor } from '../../../server/auth/sessions';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { normalisePhone } from '../../people/rules';
import type { firstLoginRequest, loginRequest } from '../contract';
import { loginLock, looksLikePhone, normaliseSetupCode } from '../rules';
import * as store from '../store';
import { auditRowsForUser } from './audit-user';

type Meta = RequestMeta & { userAgent: string | null };

export function accountKeyOf(account: string): { key: string; phone?: string; username?: string } {
  if (looksLikePhone(account)) {
    const phone = normalisePhone(account) ?? account.replace(/[\s-]/g, '');
    return { key: `phone:${phone}`, phone };
  }
  const username = account.trim().toLowerCase();
  return { key: `user:${username}`, username };
}

/**
 * Records this attempt, then counts the others in the window. An attempt refused by the lock is
 * removed again, so waiting out the lock works; one that fails its check stays as a failure.
 */
async function beginAttempt(ctx: AppContext, accountKey: string, ip: string): Promise<string> {
  const id = newId();
  const now = ctx.now();
  await ctx.db
    .insertInto('login_failures')
    .values({ id, account_key: accountKey, ip, at: now.toISOString() })
    .execute();
  const limits = {
    maxFailuresPerAccount: ctx.config.loginMaxFailuresPerAccount,
    maxFailuresPerAddress: ctx.config.loginMaxFailuresPerAddress,
    windowMinutes: ctx.config.loginWindowMinutes,
  };
  const since = new Date(now.getTime() - limits.windowMinutes * 60_000).toISOString();
  const others = await store.recentFailures(ctx.db, accountKey, ip, since, id);
  const lock = loginLock(others.account, others.address, limits, now);
  if (lock.locked) {
    await ctx.db.deleteFrom('login_failures').where('id', '=', id).execute();
    throw new AppError('LOGIN_LOCKED', { minutes: lock.retryAfterMinutes });
  }
  return id;
}

export async function login(ctx: AppContext, meta: Meta, input: z.infer<typeof loginRequest>) {
  const account = accountKeyOf(input.account);
  await beginAttempt(ctx, account.key, meta.ip ?? 'unknown');
  const user = await store.findUserByAccount(ctx.db, account);
  // Verify against a decoy when there is no usable hash, so the answer's timing reveals no account.
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  if (!user?.password_hash || !ok) throw new AppError('LOGIN_FAILED');
  if (user.disabled === 1) throw new AppError('ACCOUNT_DISABLED');
  await ctx.db.deleteFrom('login_failures').where('account_key', '=', account.key).execute();
  return createSession(ctx.db, ctx, user.id, meta);
}

/**
 * First sign-in (or a reset by the school's administrator) with a printed one-time code: the code
 * sets the password and ends every other session of the account.
 */
export async function firstLogin(ctx: AppContext, meta: Meta, input: z.infer<typeof firstLoginRequest>) {
  const account = accountKeyOf(input.account);
  const key = `code:${account.key}`;
  await beginAttempt(ctx, key, meta.ip ?? 'unknown');
  const user = await store.findUserByAccount(ctx.db, account);
  const nowIso = ctx.now().toISOString();
  const typed = normaliseSetupCode(input.code);
  const active = user
    ? await ctx.db
        .selectFrom('setup_codes')
        .select(['id', 'school_id', 'code_hash', 'purpose'])
        .where('user_id', '=', user.id)
        .where('used_at', 'is', null)
        .where('expires_at', '>', nowIso)
        .execute()
    : [];
  let code: (typeof active)[number] | undefined;
  for (const candidate of active) if (await verifyPassword(typed, candidate.code_hash)) code = candidate;
  if (!user || !code) throw new AppError('SETUP_CODE_INVALID');
  if (user.disabled === 1) throw new AppError('ACCOUNT_DISABLED');
  const passwordHash = await hashPassword(input.newPassword);
  const redeemed = code;
  return ctx.db.transaction().execute(async (trx) => {
    // Two taps at once: only the first redeems the code. A first-sign-in code is void once the
    // account has a password; only a reset code replaces one.
    const used = await trx
      .updateTable('setup_codes')
      .set({ used_at: nowIso })
      .where('id', '=', redeemed.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    const current = await trx
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    if (
      Number(used.numUpdatedRows) !== 1 ||
      (redeemed.purpose === 'first' && current.password_hash !== null)
    ) {
      throw new AppError('SETUP_CODE_INVALID');
    }
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: nowIso })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('auth_sessions').where('user_id', '=', user.id).execute();
    await writeAudit(
      trx,
      await auditRowsForUser(trx, ctx, user.id, meta, 'user.password.set', {
        via: `setup-code:${redeemed.purpose}`,
      }),
    );
    await trx.deleteFrom('login_failures').where('account_key', '=', key).execute();
    return createSession(trx, ctx, user.id, meta);
  });
}

export async function logout(ctx: AppContext, actor: SessionActor) {
  await ctx.db.deleteFrom('auth_sessions').where('id', '=', actor.sessionId).execute();
}
