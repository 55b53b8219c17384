// The parent's side of an application while the window is open: submit (or save a draft),
// change it, submit the draft, withdraw it before the school approves (ENR-1, ENR-2, ENR-3, ENR-5).
// Writes carry an optional idempotency key: a double tap or a retry yields one application.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { notification } from '../../notify/messages';
import { notify } from '../../notify/store';
import * as agreementStore from '../agreement-store';
import {
  applicationStep,
  checkConditions,
  choicesFromLines,
  linesFromChoices,
  newPublicRef,
  parseTermConditions,
} from '../application-rules';
import type { ApplicationView, applicationSubmit, applicationUpdate } from '../contract';
import { statusLabel } from '../labels';
import { type ApplicationStatus, canTransition } from '../rules';
import * as store from '../store';
import { applicationLink, assertTermOpen, loadApplication, loadStudent, loadTerm } from './common';
import { moveApplications } from './transition';
import { applicationView, consentStateOf, newApplicationView } from './views';

type Answer = IdempotentAnswer<ApplicationView>;

export async function submitApplication(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: z.infer<typeof applicationSubmit>,
  idempotencyKey?: string,
): Promise<Answer> {
  const request = { schoolId, termId, body: input };
  return runIdempotent(
    ctx,
    { userId: actor.userId, key: idempotencyKey, operation: 'submitApplication', input: request },
    async (trx) => {
      // rule ENR-1: only a family applies, and only for its own child.
      const { school, scope } = await accessSchool(trx, actor, schoolId, 'application.apply');
      const term = await loadTerm(trx, school.id, termId);
      const student = await loadStudent(trx, school.id, input.studentId, scope);
      await assertTermOpen(trx, ctx, term);
      // rule ENR-3, ENR-5
      const offerings = await store.termOfferings(trx, term.id);
      const lines = linesFromChoices(input.choices, offerings);
      const conditions = checkConditions(
        parseTermConditions(term.conditions),
        input.conditions,
        !input.draft,
      );
      const at = ctx.now().toISOString();
      const status: ApplicationStatus = input.draft ? 'draft' : 'submitted';
      const row = {
        id: newId(),
        school_id: school.id,
        term_id: term.id,
        student_id: student.id,
        class_id: student.classId,
        applicant_user_id: actor.userId,
        public_ref: newPublicRef(),
        status,
        conditions: JSON.stringify(conditions),
        note: input.note,
        review_note: null,
        submitted_at: input.draft ? null : at,
        created_at: at,
        updated_at: at,
      };
      if (!(await store.insertApplication(trx, row))) {
        const existing = await store.findApplicationOfStudent(trx, term.id, student.id);
        throw new AppError(
          'APPLICATION_EXISTS',
          { student: student.name, ref: existing?.publicRef ?? '' },
          { applicationId: existing?.id ?? null },
        );
      }
      const application = { id: row.id, termId: term.id, studentId: student.id };
      const lineRows = await store.insertLines(trx, application, lines, at);
      const action = input.draft ? 'application.draft' : 'application.submit';
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)(action, 'application', row.id, null, {
          status,
          studentId: student.id,
          choices: input.choices,
          conditions,
          note: input.note,
        }),
      );
      if (!input.draft) {
        await notify(trx, at, [
          notification(
            'application.submitted',
            { userId: actor.userId, schoolId: school.id },
            { student: student.name, term: term.name, ref: row.public_ref },
            applicationLink(row.id),
          ),
        ]);
      }
      const consent = (await agreementStore.consentsOf(trx, term.id, [student.id])).get(student.id);
      const body = newApplicationView({
        row,
        termName: term.name,
        student,
        lines: lineRows,
        offerings,
        conditions,
        action,
        consent: consentStateOf(consent),
      });
      return { status: 201, body };
    },
  );
}

/** Choices, conditions and note may change while the application is a draft or submitted, in the window. */
export async function updateApplication(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  applicationId: string,
  input: z.infer<typeof applicationUpdate>,
  idempotencyKey?: string,
): Promise<Answer> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'updateApplication',
      input: { schoolId, applicationId, body: input },
    },
    async (trx) => {
      const { school, scope } = await accessSchool(trx, actor, schoolId, 'application.apply');
      const before = await loadApplication(trx, ctx, school.id, applicationId, scope, { lock: true });
      if (before.status !== 'draft' && before.status !== 'submitted') {
        throw new AppError('APPLICATION_NOT_EDITABLE', { status: statusLabel(before.status, meta.locale) });
      }
      const term = await loadTerm(trx, school.id, before.termId);
      await assertTermOpen(trx, ctx, term);
      const at = ctx.now().toISOString();
      const oldLines = await store.linesOf(trx, [before.id]);
      const was = {
        choices: choicesFromLines(oldLines),
        conditions: JSON.parse(before.conditions) as unknown,
        note: before.note,
      };
      const now: Record<string, unknown> = {};
      if (input.choices) {
        const lines = linesFromChoices(input.choices, await store.termOfferings(trx, term.id));
        await store.deleteLines(trx, before.id);
        await store.insertLines(trx, before, lines, at);
        now.choices = input.choices;
      }
      const changes: { conditions?: string; note?: string; updated_at: string } = { updated_at: at };
      if (input.conditions) {
        // rule ENR-5: a submitted application must still meet every condition.
        const conditions = checkConditions(
          parseTermConditions(term.conditions),
          input.conditions,
          before.status === 'submitted',
        );
        changes.conditions = JSON.stringify(conditions);
        now.conditions = conditions;
      }
      if (input.note !== undefined) {
        changes.note = input.note;
        now.note = input.note;
      }
      await store.updateApplication(trx, before.id, changes);
      await writeAudit(
        trx,
        auditor(ctx, actor, meta, school)('application.update', 'application', before.id, was, {
          status: before.status,
          ...now,
        }),
      );
      const record = await loadApplication(trx, ctx, school.id, before.id, { all: true });
      return { status: 200, body: await applicationView(trx, school.id, record) };
    },
  );
}

export async function submitDraft(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  applicationId: string,
  idempotencyKey?: string,
): Promise<Answer> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'submitDraft',
      input: { schoolId, applicationId },
    },
    async (trx) => {
      const { school, scope } = await accessSchool(trx, actor, schoolId, 'application.apply');
      const application = await loadApplication(trx, ctx, school.id, applicationId, scope, { lock: true });
      applicationStep(application.status, 'submit', meta.locale);
      const term = await loadTerm(trx, school.id, application.termId);
      await assertTermOpen(trx, ctx, term);
      // rule ENR-5: a draft may be incomplete; a submission may not.
      checkConditions(parseTermConditions(term.conditions), JSON.parse(application.conditions), true);
      const at = ctx.now().toISOString();
      await moveApplications(trx, ctx, { actor, meta, school }, [application], 'submit', {
        extra: { submitted_at: at },
      });
      const student = (await store.studentsOf(trx, [application.studentId])).get(application.studentId);
      await notify(trx, at, [
        notification(
          'application.submitted',
          { userId: actor.userId, schoolId: school.id },
          { student: student?.name ?? '', term: term.name, ref: application.publicRef },
          applicationLink(application.id),
        ),
      ]);
      const record = await loadApplication(trx, ctx, school.id, application.id, { all: true });
      return { status: 200, body: await applicationView(trx, school.id, record) };
    },
  );
}

/**
 * Statuses the family may leave on its own: while it holds no place (before review, approved and
 * waiting for the draw, or only on a waitlist). Holding a place, it asks in writing (ENR-6).
 */
const withdrawableByFamily: readonly ApplicationStatus[] = [
  'draft',
  'submitted',
  'pre_reviewed',
  'approved',
  'waitlisted',
];

export async function withdrawApplication(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  applicationId: string,
  idempotencyKey?: string,
): Promise<Answer> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'withdrawApplication',
      input: { schoolId, applicationId },
    },
    async (trx) => {
      const { school, scope } = await accessSchool(trx, actor, schoolId, 'application.apply');
      const application = await loadApplication(trx, ctx, school.id, applicationId, scope, { lock: true });
      if (!withdrawableByFamily.includes(application.status)) {
        // Holding a place, leaving goes through a written request the school decides (ENR-6).
        if (canTransition(application.status, 'withdraw'))
          throw new AppError('APPLICATION_NOT_WITHDRAWABLE', {
            status: statusLabel(application.status, meta.locale),
          });
        applicationStep(application.status, 'withdraw', meta.locale);
      }
      await moveApplications(trx, ctx, { actor, meta, school }, [application], 'withdraw', {
        lineEvent: 'withdraw',
      });
      const record = await loadApplication(trx, ctx, school.id, application.id, { all: true });
      return { status: 200, body: await applicationView(trx, school.id, record) };
    },
  );
}
