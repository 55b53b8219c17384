// Request and response shapes of staff availability, the duty roster and swaps (STAFF-4, STAFF-5);
// the web app imports these too.
import { z } from 'zod';
import { id } from '../people/contract';
import { rosterStatuses, swapEvents, swapStatuses } from './duty-rules';
import { dutyRoles, unfilledReasons } from './roster-rules';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const rosterSchoolParams = z.object({ schoolId: id });
export const rosterTermParams = z.object({ schoolId: id, termId: id });
export const rosterParams = z.object({ schoolId: id, rosterId: id });
export const staffTermParams = z.object({ schoolId: id, termId: id, userId: id });
export const staffParams = z.object({ schoolId: id, userId: id });
export const swapParams = z.object({ schoolId: id, swapId: id });
export const dutyParams = z.object({ schoolId: id, assignmentId: id });

// ---- profiles and availability (STAFF-5) ----

export const profileInput = z.object({
  subject: z.string().trim().min(1).max(20).nullable(),
  maxDutiesPerWeek: z.number().int().min(1).max(20).nullable(),
});

export const slot = z.object({ sessionId: id, weekday: z.number().int().min(1).max(7) });

/** The whole set of volunteered slots for a term; saving replaces it. */
export const availabilityInput = z.object({
  slots: z.array(slot).max(200),
  /** A teacher may set their own cap; the subject is the school's to set. */
  maxDutiesPerWeek: z.number().int().min(1).max(20).nullable().optional(),
});

export const availabilityView = z.object({
  termId: z.string(),
  userId: z.string(),
  name: z.string(),
  subject: z.string().nullable(),
  maxDutiesPerWeek: z.number().nullable(),
  slots: z.array(slot),
  sessions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      weekdays: z.array(z.number()),
      startsAt: z.string(),
      endsAt: z.string(),
    }),
  ),
});

export type AvailabilityView = z.infer<typeof availabilityView>;

export const staffAvailabilityList = z.object({
  items: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      roles: z.array(z.string()),
      subject: z.string().nullable(),
      maxDutiesPerWeek: z.number().nullable(),
      slotCount: z.number(),
      outside: z.boolean(),
    }),
  ),
});

// ---- rosters ----

export const unfilledView = z.object({
  date: z.string(),
  sessionId: z.string(),
  tempClassId: z.string().nullable(),
  role: z.enum(dutyRoles),
  missing: z.number(),
  reason: z.enum(unfilledReasons),
  volunteers: z.number(),
  booked: z.number(),
  atWeeklyMax: z.number(),
});

export const rosterSummary = z.object({
  id: z.string(),
  termId: z.string(),
  version: z.number(),
  status: z.enum(rosterStatuses),
  generatedAt: z.string(),
  publishedAt: z.string().nullable(),
  dutyCount: z.number(),
  unfilledCount: z.number(),
});
export type RosterSummary = z.infer<typeof rosterSummary>;

export const rosterList = z.object({ items: z.array(rosterSummary) });

export const dutyView = z.object({
  id: z.string(),
  date: z.string(),
  sessionId: z.string(),
  tempClassId: z.string().nullable(),
  role: z.enum(dutyRoles),
  userId: z.string(),
  outsideStaffId: z.string().nullable(),
});
export type DutyView = z.infer<typeof dutyView>;

const named = z.object({ id: z.string(), name: z.string() });

/** A roster with the names its rows refer to; the UI groups by date, teacher or class. */
export const rosterDetail = z.object({
  roster: rosterSummary,
  termName: z.string(),
  sessions: z.array(named.extend({ startsAt: z.string(), endsAt: z.string() })),
  classes: z.array(
    named.extend({ sessionId: z.string(), members: z.number(), headTeacherId: z.string().nullable() }),
  ),
  people: z.array(named.extend({ subject: z.string().nullable() })),
  duties: z.array(dutyView),
  unfilled: z.array(unfilledView),
});
export type RosterDetail = z.infer<typeof rosterDetail>;

export const rosterQuery = z.object({
  from: date.optional(),
  to: date.optional(),
  userId: id.optional(),
  tempClassId: id.optional(),
});

export const myDutiesQuery = z.object({ from: date.optional(), to: date.optional() });

export const myDuties = z.object({
  items: z.array(
    dutyView.extend({
      sessionName: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      className: z.string().nullable(),
      /** An open swap of this duty, if any. */
      swapStatus: z.enum(swapStatuses).nullable(),
    }),
  ),
});

// ---- swaps ----

export const swapInput = z.object({
  assignmentId: id,
  toUserId: id,
  reason: z.string().trim().min(1).max(300),
});

export const swapEventInput = z.object({
  event: z.enum(swapEvents),
  note: z.string().trim().max(300).default(''),
});

export const swapView = z.object({
  id: z.string(),
  assignmentId: z.string(),
  date: z.string(),
  sessionName: z.string(),
  role: z.enum(dutyRoles),
  className: z.string().nullable(),
  fromUserId: z.string(),
  fromName: z.string(),
  toUserId: z.string(),
  toName: z.string(),
  status: z.enum(swapStatuses),
  reason: z.string(),
  requestedAt: z.string(),
  acceptedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type SwapView = z.infer<typeof swapView>;

export const swapListQuery = z.object({ status: z.enum(swapStatuses).optional() });
export const swapList = z.object({ items: z.array(swapView) });

export const swapCandidates = z.object({
  items: z.array(z.object({ userId: z.string(), name: z.string(), subject: z.string().nullable() })),
});

// ---- settings (STAFF-4, STAFF-6) ----

export const rosterSettings = z.object({ staffRatio: z.number(), allowPaidOutsideBodies: z.boolean() });
export const rosterSettingsInput = z
  .object({ staffRatio: z.number().int().min(1).max(100), allowPaidOutsideBodies: z.boolean() })
  .partial();
