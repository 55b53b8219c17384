// The waitlist (候补, rule ENR-4 and ENR-6): a freed place goes to the smallest position still
// waiting, who has `offerAcceptHours` to accept it; an offer not taken up in time lapses and the
// place moves on. Positions are fixed by the draw and never renumbered. Every change that counts
// places first locks the offering row, so two transactions never both see the same free place.
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, Executor, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type AuditEntry, writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { type NewNotification, notify } from '../../notify/store';
import { findSchool } from '../../people/store';
import { loadSettings } from '../../programme/settings';
import type { OfferView } from '../draw-contract';
import * as store from '../draw-store';
import { type ApplicationStatus, canTransition, type LineStatus, lineTransition, transition } from '../rules';
import { localTime } from './draw';

export type Audit = ReturnType<typeof auditor>;

/** Lines that still hold or await something; an application with none of them has nothing left. */
const activeLines: readonly LineStatus[] = ['pending', 'waitlisted', 'offered', 'accepted'];

export async function systemAuditor(trx: Executor, ctx: AppContext, schoolId: string): Promise<Audit> {
  const school = await findSchool(trx, schoolId);
  return auditor(ctx, null, { ip: null, locale: 'zh-CN' }, school ?? null);
}

export interface OfferMade {
  lineId: string;
  applicationId: string;
  position: number;
  expiresAt: string;
}

/**
 * Offers an offering's free places to the waitlist, smallest position first, while places held
 * (offered + accepted) are below capacity. Runs inside the caller's transaction.
 */
export async function offerFreedPlaces(
  trx: Executor,
  ctx: AppContext,
  offeringId: string,
  at: string,
  audit?: Audit,
): Promise<OfferMade[]> {
  const offering = await store.lockOffering(trx, ctx.dialect, offeringId);
  if (!offering) return [];
  const free = offering.capacity - (await store.countHolding(trx, offeringId));
  if (free <= 0) return [];
  const next = await store.nextWaiting(trx, offeringId, free);
  if (next.length === 0) return [];
  const settings = await loadSettings(trx, offering.school_id);
  const record = audit ?? (await systemAuditor(trx, ctx, offering.school_id));
  const expiresAt = new Date(Date.parse(at) + settings.offerAcceptHours * 3_600_000).toISOString();
  const entries: AuditEntry[] = [];
  const notes: NewNotification[] = [];
  const made: OfferMade[] = [];
  const toOffered = lineTransition('waitlisted', 'place');
  for (const line of next) {
    const changed = await store.setLineStatus(trx, [line.id], 'waitlisted', toOffered, at, {
      offer_expires_at: expiresAt,
    });
    if (changed !== 1) throw new AppError('CONFLICT');
    const position = line.position ?? 0;
    entries.push(
      record(
        'line.offerFromWaitlist',
        'application_line',
        line.id,
        { status: 'waitlisted', position },
        {
          status: toOffered,
          offering: offering.name,
          position,
          expiresAt,
        },
      ),
    );
    if (line.applicationStatus === 'waitlisted') {
      const to = transition('waitlisted', 'offer');
      // Guarded: another offering may have offered this application a place a moment ago.
      if ((await store.setApplicationStatus(trx, [line.applicationId], 'waitlisted', to, at)) === 1)
        entries.push(
          record(
            'application.offer',
            'application',
            line.applicationId,
            { status: 'waitlisted' },
            { status: to },
          ),
        );
    }
    notes.push(
      notification(
        'offer.fromWaitlist',
        { userId: line.applicantUserId, schoolId: offering.school_id },
        {
          student: line.studentName,
          offering: offering.name,
          expiresAt: localTime(expiresAt, settings.timezone),
        },
        `/enrolment/applications/${line.applicationId}`,
      ),
    );
    made.push({ lineId: line.id, applicationId: line.applicationId, position, expiresAt });
  }
  await writeAudit(trx, entries);
  await notify(trx, at, notes);
  return made;
}

/**
 * After a line is declined, lapses or is withdrawn: an application left holding and awaiting
 * nothing is withdrawn too, so it does not look offered (or waiting) with nothing behind it.
 */
export async function settleApplication(
  trx: Executor,
  applicationId: string,
  at: string,
  audit: Audit,
  reason: string,
): Promise<ApplicationStatus> {
  const app = await store.applicationOf(trx, applicationId);
  const status = app.status as ApplicationStatus;
  const lines = await store.lineStatusesOf(trx, applicationId);
  if (lines.some((l) => activeLines.includes(l.status as LineStatus))) return status;
  if (!canTransition(status, 'withdraw')) return status;
  const to = transition(status, 'withdraw');
  if ((await store.setApplicationStatus(trx, [applicationId], status, to, at)) !== 1)
    throw new AppError('CONFLICT');
  await writeAudit(
    trx,
    audit('application.withdraw', 'application', applicationId, { status }, { status: to, reason }),
  );
  return to;
}

/** Lapses offers whose deadline passed (the offering already locked), and tells the families. */
async function lapseLines(trx: Executor, schoolId: string, lineIds: string[], at: string, audit: Audit) {
  const { timezone } = await loadSettings(trx, schoolId);
  const to = lineTransition('offered', 'lapse');
  for (const id of lineIds) {
    const line = await store.findLine(trx, schoolId, id);
    if (line?.status !== 'offered') continue;
    if ((await store.setLineStatus(trx, [id], 'offered', to, at)) !== 1) throw new AppError('CONFLICT');
    await writeAudit(
      trx,
      audit(
        'line.lapse',
        'application_line',
        id,
        { status: 'offered', expiresAt: line.offerExpiresAt },
        { status: to },
      ),
    );
    await notify(trx, at, [
      notification(
        'offer.lapsed',
        { userId: line.applicantUserId, schoolId },
        {
          student: line.studentName,
          offering: line.offeringName,
          expiredAt: localTime(line.offerExpiresAt ?? at, timezone),
        },
        `/enrolment/applications/${line.applicationId}`,
      ),
    ]);
    await settleApplication(trx, line.applicationId, at, audit, 'lapsed');
  }
}

/**
 * Lapses every offer past its deadline (of the given offerings, or all) and offers the places on.
 * Exported for the server's timer; accept and decline run it first for their offering, so a
 * deadline holds even when no timer runs.
 */
export async function sweepExpiredOffers(
  ctx: AppContext,
  options: { offeringIds?: string[] } = {},
): Promise<{ lapsed: number; offered: number }> {
  const at = ctx.now().toISOString();
  let lapsed = 0;
  let offered = 0;
  for (const offeringId of await store.offeringsWithExpiredOffers(ctx.db, at, options.offeringIds)) {
    const done = await ctx.db.transaction().execute(async (trx) => {
      const offering = await store.lockOffering(trx, ctx.dialect, offeringId);
      if (!offering) return { lapsed: 0, offered: 0 };
      // Read again under the lock: another sweep or an acceptance may have got there first.
      const ids = await store.expiredOffers(trx, offeringId, at);
      if (ids.length === 0) return { lapsed: 0, offered: 0 };
      const audit = await systemAuditor(trx, ctx, offering.school_id);
      await lapseLines(trx, offering.school_id, ids, at, audit);
      const made = await offerFreedPlaces(trx, ctx, offeringId, at, audit);
      return { lapsed: ids.length, offered: made.length };
    });
    lapsed += done.lapsed;
    offered += done.offered;
  }
  return { lapsed, offered };
}

function offerView(line: store.LineRow, status: LineStatus, applicationStatus: string): OfferView {
  return {
    lineId: line.id,
    applicationId: line.applicationId,
    offeringId: line.offeringId,
    offeringName: line.offeringName,
    status,
    offerExpiresAt: line.offerExpiresAt,
    applicationStatus: applicationStatus as ApplicationStatus,
  };
}

/** A parent answers an offer for their own child: accept or decline. */
async function answerOffer(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  lineId: string,
  answer: 'accept' | 'decline',
): Promise<OfferView> {
  // The offering answered about is swept first (the server's timer sweeps all of them), so the
  // places of offers that lapsed meanwhile have moved on before this answer is weighed.
  // Only a line of the caller's own school and family is looked at, even for the sweep.
  // A line's school, child and offering never change, so this one check holds in the transaction.
  const access = await accessSchool(ctx.db, actor, schoolId, 'application.apply');
  const found = await store.findLine(ctx.db, access.school.id, lineId);
  if (!found || !(await store.isGuardianOf(ctx.db, actor.userId, found.studentId)))
    throw new AppError('NOT_FOUND');
  await sweepExpiredOffers(ctx, { offeringIds: [found.offeringId] });
  const result = await ctx.db.transaction().execute(async (trx) => {
    await store.lockOffering(trx, ctx.dialect, found.offeringId);
    // Read again under the lock: the state before it may already be stale.
    const line = (await store.findLine(trx, access.school.id, lineId))!;
    const at = ctx.now().toISOString();
    const audit = auditor(ctx, actor, meta, access.school);
    const expired = line.offerExpiresAt !== null && line.offerExpiresAt <= at;
    if (expired && (line.status === 'offered' || line.status === 'lapsed')) {
      // Lapsed by the sweep just now, or expiring under our hands: either way the deadline passed.
      if (line.status === 'offered') {
        await lapseLines(trx, access.school.id, [line.id], at, audit);
        await offerFreedPlaces(trx, ctx, line.offeringId, at, audit);
      }
      const { timezone } = await loadSettings(trx, access.school.id);
      return { kind: 'expired' as const, deadline: localTime(line.offerExpiresAt!, timezone) };
    }
    const to = lineTransition(line.status as LineStatus, answer);
    if ((await store.setLineStatus(trx, [line.id], 'offered', to, at)) !== 1) throw new AppError('CONFLICT');
    await writeAudit(
      trx,
      audit(`line.${answer}`, 'application_line', line.id, { status: line.status }, { status: to }),
    );
    let applicationStatus = line.applicationStatus;
    if (answer === 'decline') {
      applicationStatus = await settleApplication(trx, line.applicationId, at, audit, 'declined');
      await offerFreedPlaces(trx, ctx, line.offeringId, at, audit);
    }
    return { kind: 'answered' as const, view: offerView(line, to, applicationStatus) };
  });
  // The lapse is committed; the refusal is the answer.
  if (result.kind === 'expired') throw new AppError('OFFER_EXPIRED', { expiresAt: result.deadline });
  return result.view;
}

export function acceptOffer(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  lineId: string,
) {
  return answerOffer(ctx, actor, meta, schoolId, lineId, 'accept');
}

export function declineOffer(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  lineId: string,
) {
  return answerOffer(ctx, actor, meta, schoolId, lineId, 'decline');
}

/** The school's view of one offering's waitlist, by position, with where each line stands now. */
export async function listWaitlist(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
  offeringId: string,
) {
  const access = await accessSchool(ctx.db, actor, schoolId, 'draw.run');
  const offering = await store.findOffering(ctx.db, access.school.id, termId, offeringId);
  if (!offering) throw new AppError('NOT_FOUND');
  const rows = await store.waitlistOf(ctx.db, offering.id);
  const holding = await store.countHolding(ctx.db, offering.id);
  return {
    offering: {
      id: offering.id,
      name: offering.name,
      capacity: offering.capacity,
      holding,
      waiting: rows.filter((r) => r.status === 'waitlisted').length,
    },
    items: rows.map((r) => ({
      lineId: r.lineId,
      position: r.position ?? 0,
      applicationId: r.applicationId,
      ref: r.ref,
      studentName: r.studentName,
      grade: r.grade,
      classNo: r.classNo,
      status: r.status as LineStatus,
      offerExpiresAt: r.offerExpiresAt,
    })),
  };
}
