// DIST-2, the school's side: book an approved institution's active course for a term (the price
// is copied from the course; a school that admits no paid outside bodies is refused), list its
// bookings, evaluate an institution it has booked and complain about one.
import type { z } from 'zod';
import { isUniqueViolation } from '../../../db/dialect';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { termOf } from '../../programme/service/common';
import { loadSettings } from '../../programme/settings';
import type {
  BookingView,
  bookingInput,
  ComplaintView,
  complaintInput,
  evaluationInput,
} from '../institutions-contract';
import type { InstitutionStatus } from '../institutions-rules';
import { type BookingStatus, type CourseStatus, checkBookable } from '../institutions-rules';
import * as store from '../institutions-store';
import { loadInstitution } from './institutions-common';

const bookingView = (r: NonNullable<Awaited<ReturnType<typeof store.findBooking>>>): BookingView => ({
  ...r,
  institutionStatus: r.institutionStatus as InstitutionStatus,
  status: r.status as BookingStatus,
});

export async function listInstitutionBookings(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
): Promise<{ items: BookingView[] }> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'institution.read');
  return { items: (await store.bookingsOfSchool(ctx.db, school.id)).map(bookingView) };
}

export async function bookInstitutionCourse(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  institutionId: string,
  input: z.infer<typeof bookingInput>,
): Promise<BookingView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.write');
  return ctx.db.transaction().execute(async (trx) => {
    // Locked: a removal or suspension of the institution either comes after this booking (and ends
    // it) or before it (and the booking is refused), never between the status read and the insert.
    const institution = await loadInstitution(trx, school.districtId, institutionId, ctx.dialect);
    const course = await store.findCourse(trx, institution.id, input.courseId);
    if (!course) throw new AppError('NOT_FOUND');
    const term = await termOf(trx, school.id, input.termId);
    if (input.offeringId && !(await store.findOffering(trx, school.id, term.id, input.offeringId)))
      throw new AppError('NOT_FOUND');
    const settings = await loadSettings(trx, school.id);
    checkBookable(
      { name: institution.name, status: institution.status },
      { name: course.name, status: course.status as CourseStatus },
      settings.allowPaidOutsideBodies,
    );
    if (await store.activeBookingExists(trx, school.id, course.id, term.id))
      throw new AppError('INSTITUTION_ALREADY_BOOKED');
    const at = ctx.now().toISOString();
    const row = {
      id: newId(),
      institution_id: institution.id,
      course_id: course.id,
      school_id: school.id,
      term_id: term.id,
      offering_id: input.offeringId,
      price_fen: course.priceFen,
      status: 'active',
      ends_on: null,
      end_reason: null,
      booked_by: actor.userId,
      created_at: at,
      updated_at: at,
    };
    await store.insertBooking(trx, row);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('institution.book', 'institution_booking', row.id, null, {
        institutionId: institution.id,
        courseId: course.id,
        termId: term.id,
        offeringId: row.offering_id,
        priceFen: row.price_fen,
      }),
    );
    return bookingView((await store.findBooking(trx, school.id, row.id))!);
  });
}

export async function evaluateInstitution(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  institutionId: string,
  input: z.infer<typeof evaluationInput>,
) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'institution.evaluate');
  return ctx.db.transaction().execute(async (trx) => {
    const institution = await loadInstitution(trx, school.districtId, institutionId);
    const term = await termOf(trx, school.id, input.termId);
    // rule DIST-2: a school evaluates an institution it has used.
    if (!(await store.hasBooked(trx, school.id, institution.id)))
      throw new AppError('INSTITUTION_NOT_BOOKED', { name: institution.name });
    if (await store.evaluationExists(trx, institution.id, school.id, term.id))
      throw new AppError('INSTITUTION_ALREADY_EVALUATED');
    const row = {
      id: newId(),
      institution_id: institution.id,
      school_id: school.id,
      term_id: term.id,
      score: input.score,
      comment: input.comment,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    };
    try {
      await store.insertEvaluation(trx, row);
    } catch (err) {
      // A double click: the unique index (institution, school, term) let the other one in first.
      if (isUniqueViolation(err)) throw new AppError('INSTITUTION_ALREADY_EVALUATED');
      throw err;
    }
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('institution.evaluate', 'institution_evaluation', row.id, null, {
        institutionId: institution.id,
        termId: term.id,
        score: row.score,
      }),
    );
    return (await store.findEvaluation(trx, row.id))!;
  });
}

export async function complainAboutInstitution(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  institutionId: string,
  input: z.infer<typeof complaintInput>,
): Promise<ComplaintView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'institution.evaluate');
  return ctx.db.transaction().execute(async (trx) => {
    const institution = await loadInstitution(trx, school.districtId, institutionId);
    const row = {
      id: newId(),
      institution_id: institution.id,
      school_id: school.id,
      category: input.category,
      description: input.description,
      occurred_on: input.occurredOn,
      status: 'open',
      handled_note: null,
      handled_by: null,
      handled_at: null,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    };
    await store.insertComplaint(trx, row);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('institution.complain', 'institution_complaint', row.id, null, {
        institutionId: institution.id,
        category: row.category,
        occurredOn: row.occurred_on,
      }),
    );
    return (await store.findComplaint(trx, institution.id, row.id))! as ComplaintView;
  });
}
