import type { Executor } from '../../server/context';
import { newId } from '../../server/context';

export interface AuditEntry {
  districtId: string | null;
  schoolId: string | null;
  actorUserId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at: string;
  ip: string | null;
}

export async function writeAudit(db: Executor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const rows = list.map((e) => ({
    id: newId(),
    district_id: e.districtId,
    school_id: e.schoolId,
    actor_user_id: e.actorUserId,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    before_json: e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
    after_json: e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
    at: e.at,
    ip: e.ip,
  }));
  // Chunked so a large import stays under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('audit_log')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export interface AuditQuery {
  schoolId: string;
  entityId?: string | undefined;
  entity?: string | undefined;
  before?: string | undefined;
  limit: number;
}

export async function listAudit(db: Executor, q: AuditQuery) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.entity',
      'audit_log.entity_id',
      'audit_log.before_json',
      'audit_log.after_json',
      'audit_log.at',
      'audit_log.ip',
      'audit_log.actor_user_id',
      'users.display_name as actor_name',
    ])
    .where('audit_log.school_id', '=', q.schoolId);
  if (q.entityId) query = query.where('audit_log.entity_id', '=', q.entityId);
  if (q.entity) query = query.where('audit_log.entity', '=', q.entity);
  if (q.before) query = query.where('audit_log.id', '<', q.before);
  return query.orderBy('audit_log.id', 'desc').limit(q.limit).execute();
}
