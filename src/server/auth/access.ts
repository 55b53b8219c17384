// The first step of every school-scoped use case: find the school, check the policy, get the scope.

import type { AuditEntry } from '../../features/audit/store';
import { findSchool } from '../../features/people/store';
import type { AppContext, Executor, RequestMeta } from '../context';
import { AppError } from '../errors';
import { type Action, type Actor, authorize, type SchoolRef, type Scope } from './policies';

export interface SchoolAccess {
  school: SchoolRef;
  scope: Scope;
}

/**
 * A grant in the school already names its district (and the foreign key vouches the school exists),
 * so only district-wide roles need the school looked up. Saves a query on every request.
 */
export async function accessSchool(
  db: Executor,
  actor: Actor,
  schoolId: string,
  action: Action,
): Promise<SchoolAccess> {
  const grant = actor.grants.find((g) => g.schoolId === schoolId);
  const school = grant ? { id: schoolId, districtId: grant.districtId } : await findSchool(db, schoolId);
  if (!school) throw new AppError('NOT_FOUND');
  const ref = { id: school.id, districtId: school.districtId };
  return { school: ref, scope: authorize(actor, action, ref) };
}

/** Builds audit entries stamped with who, where and when, for one use case. */
export function auditor(
  ctx: AppContext,
  actor: Actor | null,
  meta: RequestMeta,
  school: SchoolAccess['school'] | null,
) {
  const at = ctx.now().toISOString();
  return (
    action: string,
    entity: string,
    entityId: string,
    before?: unknown,
    after?: unknown,
  ): AuditEntry => ({
    districtId: school?.districtId ?? null,
    schoolId: school?.id ?? null,
    actorUserId: actor?.userId ?? null,
    action,
    entity,
    entityId,
    before: before ?? null,
    after: after ?? null,
    at,
    ip: meta.ip,
  });
}
