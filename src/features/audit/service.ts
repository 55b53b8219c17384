// School admins read their school's audit log, newest first, a page at a time.
import type { z } from 'zod';
import { accessSchool } from '../../server/auth/access';
import type { Actor } from '../../server/auth/policies';
import type { AppContext } from '../../server/context';
import type { AuditRow, auditQuery } from './contract';
import { listAudit } from './store';

export async function readAudit(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: z.infer<typeof auditQuery>,
) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'audit.read');
  const rows = await listAudit(ctx.db, { schoolId: school.id, ...query, limit: query.limit + 1 });
  const items: AuditRow[] = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
    ip: r.ip,
  }));
  return { items, next: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}
