// Queries for accounts, sessions, sign-in failures and one-time setup codes.

import type { Grant } from '../../server/auth/policies';
import type { Executor } from '../../server/context';
import type { Role } from '../people/rules';

export async function findUserByAccount(db: Executor, account: { phone?: string; username?: string }) {
  let q = db
    .selectFrom('users')
    .select(['id', 'display_name', 'password_hash', 'disabled', 'locale', 'phone', 'username']);
  q = account.phone ? q.where('phone', '=', account.phone) : q.where('username', '=', account.username ?? '');
  return q.executeTakeFirst();
}

export async function findUser(db: Executor, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name', 'password_hash', 'disabled', 'locale', 'phone', 'username'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function grantsOf(db: Executor, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select(['role', 'district_id', 'school_id', 'class_id'])
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => ({
    role: r.role as Role,
    districtId: r.district_id,
    schoolId: r.school_id,
    classId: r.class_id,
  }));
}

export async function recentFailures(db: Executor, accountKey: string, ip: string, since: string) {
  const [account, address] = await Promise.all([
    db
      .selectFrom('login_failures')
      .select('at')
      .where('account_key', '=', accountKey)
      .where('at', '>', since)
      .execute(),
    db.selectFrom('login_failures').select('at').where('ip', '=', ip).where('at', '>', since).execute(),
  ]);
  return { account: account.map((r) => r.at), address: address.map((r) => r.at) };
}

export async function sessionByTokenHash(db: Executor, id: string) {
  return db
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.id', 'auth_sessions.user_id')
    .select([
      'auth_sessions.id',
      'auth_sessions.user_id as userId',
      'auth_sessions.csrf_token as csrfToken',
      'auth_sessions.expires_at as expiresAt',
      'auth_sessions.last_seen_at as lastSeenAt',
      'users.display_name as displayName',
      'users.locale',
      'users.disabled',
    ])
    .where('auth_sessions.id', '=', id)
    .executeTakeFirst();
}
