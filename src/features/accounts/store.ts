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

/** Failures in the window for an account and for an address, leaving out the attempt `except`. */
export async function recentFailures(
  db: Executor,
  accountKey: string,
  ip: string,
  since: string,
  except: string,
) {
  const [account, address] = await Promise.all([
    db
      .selectFrom('login_failures')
      .select('at')
      .where('account_key', '=', accountKey)
      .where('at', '>', since)
      .where('id', '!=', except)
      .execute(),
    db
      .selectFrom('login_failures')
      .select('at')
      .where('ip', '=', ip)
      .where('at', '>', since)
      .where('id', '!=', except)
      .execute(),
  ]);
  return { account: account.map((r) => r.at), address: address.map((r) => r.at) };
}

/**
 * The session, its user and the user's role grants in one round trip: one row per grant (or one row
 * with null grant columns). Every signed-in request runs this, so it is a single query.
 */
export async function sessionWithGrants(db: Executor, id: string) {
  const rows = await db
    .selectFrom('auth_sessions')
    .innerJoin('users', 'users.id', 'auth_sessions.user_id')
    .leftJoin('role_grants', 'role_grants.user_id', 'auth_sessions.user_id')
    .select([
      'auth_sessions.user_id as userId',
      'auth_sessions.csrf_token as csrfToken',
      'auth_sessions.expires_at as expiresAt',
      'auth_sessions.last_seen_at as lastSeenAt',
      'auth_sessions.created_at as createdAt',
      'users.display_name as displayName',
      'users.locale',
      'users.disabled',
      'role_grants.role',
      'role_grants.district_id as districtId',
      'role_grants.school_id as schoolId',
      'role_grants.class_id as classId',
    ])
    .where('auth_sessions.id', '=', id)
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  const grants: Grant[] = rows.flatMap((r) =>
    r.role && r.districtId
      ? [{ role: r.role as Role, districtId: r.districtId, schoolId: r.schoolId, classId: r.classId }]
      : [],
  );
  return { ...first, grants };
}
