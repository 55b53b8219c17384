import { z } from 'zod';

export const auditQuery = z.object({
  entityId: z.string().max(64).optional(),
  entity: z.string().max(32).optional(),
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditRow = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export const auditList = z.object({ items: z.array(auditRow), next: z.string().nullable() });
export type AuditRow = z.infer<typeof auditRow>;
