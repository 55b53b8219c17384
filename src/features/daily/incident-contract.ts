// Request and response shapes of incidents (DAY-6); the web app imports these too.
import { z } from 'zod';
import { id } from '../people/contract';
import { incidentFindings, incidentKinds, incidentSeverities, incidentStatuses } from './incident-rules';

const text = z.string().trim().min(1).max(2000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const incidentSchoolParams = z.object({ schoolId: id });
export const incidentParams = z.object({ schoolId: id, incidentId: id });

export const incidentInput = z.object({
  /** The temporary class where it happened; only the school admin records one outside a class. */
  tempClassId: id.nullable().default(null),
  /** The children involved; none for a general incident (a hazard, a staff matter). */
  studentIds: z
    .array(id)
    .max(40)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate'),
  occurredAt: z.iso.datetime({ offset: true }),
  kind: z.enum(incidentKinds),
  severity: z.enum(incidentSeverities),
  description: text,
  /** What was done at once (处置措施): required, since the record is of the response too. */
  actionTaken: text,
  /** The staff member a dereliction or safety incident concerns (PAY-4). */
  staffUserId: id.nullable().default(null),
});
export type IncidentInput = z.infer<typeof incidentInput>;

export const followUpInput = z.object({
  note: text,
  /** Staff only (not shown to the family), e.g. about a colleague. */
  internal: z.boolean().default(false),
});
export const closeInput = z.object({ note: text, finding: z.enum(incidentFindings).default('upheld') });
export const reopenInput = z.object({ note: text });

export const incidentListQuery = z.object({
  status: z.enum(incidentStatuses).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  studentId: id.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const person = z.object({ id: z.string(), name: z.string() });

export const incidentEventView = z.object({
  id: z.string(),
  kind: z.enum(['followup', 'close', 'reopen']),
  note: z.string(),
  internal: z.boolean(),
  fromStatus: z.enum(incidentStatuses),
  toStatus: z.enum(incidentStatuses),
  by: z.string(),
  at: z.string(),
});

export const incidentSummary = z.object({
  id: z.string(),
  date: z.string(),
  occurredAt: z.string(),
  kind: z.enum(incidentKinds),
  severity: z.enum(incidentSeverities),
  status: z.enum(incidentStatuses),
  tempClass: person.nullable(),
  /** Staff see every child involved; a family sees only its own. */
  students: z.array(person.extend({ classLabel: z.string() })),
  reportedBy: z.string(),
});

export const incidentView = incidentSummary.extend({
  schoolId: z.string(),
  description: z.string(),
  actionTaken: z.string(),
  /** Null for a family. */
  staff: person.nullable(),
  finding: z.enum(incidentFindings).nullable(),
  reportedAt: z.string(),
  guardiansNotified: z.number(),
  /** How many other children are involved (a family sees the number, not the names). */
  otherStudents: z.number(),
  events: z.array(incidentEventView),
  /** What the reader may do next. */
  can: z.object({ followUp: z.boolean(), close: z.boolean(), reopen: z.boolean() }),
});
export type IncidentView = z.infer<typeof incidentView>;

export const incidentList = z.object({ items: z.array(incidentSummary), total: z.number() });

export const incidentFormQuery = z.object({ date: isoDate.optional() });
export const incidentFormOptions = z.object({
  date: z.string(),
  classes: z.array(person.extend({ students: z.array(person) })),
  staff: z.array(person),
  /** Whether the reader may record an incident outside any class (the school admin). */
  general: z.boolean(),
});
