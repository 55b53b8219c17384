// A change to an account is shown in the audit log of every school where the account holds a role,
// so each school's administrator sees what happened to the people of their school.
import { auditor } from '../../../server/auth/access';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import type { AuditEntry } from '../../audit/store';

export async function auditRowsForUser(
  db: Executor,
  ctx: AppContext,
  userId: string,
  meta: RequestMeta,
  action: string,
  after: unknown,
  before: unknown = null,
  actorUserId: string = userId,
): Promise<AuditEntry[]> {
  const grants = await db
    .selectFrom('role_grants')
    .select(['school_id as schoolId', 'district_id as districtId'])
    .where('user_id', '=', userId)
    .where('school_id', 'is not', null)
    .execute();
  const schools = new Map(grants.map((g) => [g.schoolId!, { id: g.schoolId!, districtId: g.districtId }]));
  const actor = { userId: actorUserId, displayName: '', grants: [], locale: meta.locale };
  const targets = schools.size ? [...schools.values()] : [null];
  return targets.map((school) => auditor(ctx, actor, meta, school)(action, 'user', userId, before, after));
}
