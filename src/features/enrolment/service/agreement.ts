// ENR-2: the agreement (安全责任书 / 服务协议). The school writes versioned texts per term; a parent
// signs the current one by typing their name; the signature keeps the text version, time, account
// and address. No enrolment without a signature: signing is the only way to `agreed`.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { type IdempotentAnswer, runIdempotent } from '../../../server/idempotency';
import { writeAudit } from '../../audit/store';
import { findSchool, guardiansOf } from '../../people/store';
import { loadSettings } from '../../programme/settings';
import * as agreementStore from '../agreement-store';
import { applicationStep, localDateTime } from '../application-rules';
import type {
  ApplicationView,
  agreementInput,
  agreementView,
  signatureInput,
  signatureView,
} from '../contract';
import * as store from '../store';
import { loadApplication, loadTerm, refVisibility } from './common';
import { moveApplications } from './transition';
import { applicationView } from './views';

type AgreementView = z.infer<typeof agreementView>;

export async function createAgreementText(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  termId: string,
  input: z.infer<typeof agreementInput>,
): Promise<AgreementView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'agreement.write');
    const term = await loadTerm(trx, school.id, termId);
    const current = await agreementStore.currentAgreement(trx, term.id);
    const row = {
      id: newId(),
      school_id: school.id,
      term_id: term.id,
      version: (current?.version ?? 0) + 1,
      title: input.title,
      body: input.body,
      created_by: actor.userId,
      created_at: ctx.now().toISOString(),
    };
    // Two admins saving at once: the unique (term, version) refuses the second with CONFLICT.
    await agreementStore.insertAgreementText(trx, row);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('agreement.create', 'agreement', row.id, null, {
        termId: term.id,
        version: row.version,
        title: row.title,
      }),
    );
    return {
      id: row.id,
      termId: term.id,
      version: row.version,
      title: row.title,
      body: row.body,
      createdAt: row.created_at,
    };
  });
}

/** The current version: what a parent reads before signing. */
export async function getAgreement(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  termId: string,
): Promise<AgreementView> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'programme.read');
  const term = await loadTerm(ctx.db, school.id, termId);
  const current = await agreementStore.currentAgreement(ctx.db, term.id);
  if (!current) throw new AppError('AGREEMENT_MISSING');
  return current;
}

export async function signAgreement(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  applicationId: string,
  input: z.infer<typeof signatureInput>,
  idempotencyKey?: string,
): Promise<IdempotentAnswer<ApplicationView>> {
  return runIdempotent(
    ctx,
    {
      userId: actor.userId,
      key: idempotencyKey,
      operation: 'signAgreement',
      input: { schoolId, applicationId, body: input },
    },
    async (trx) => {
      const access = await accessSchool(trx, actor, schoolId, 'agreement.sign');
      const { school } = access;
      // Locked, so a double tap signs once: the second sees `agreed` and is refused.
      const application = await loadApplication(trx, ctx, school.id, applicationId, access.scope, {
        lock: true,
      });
      applicationStep(application.status, 'sign', meta.locale);
      const term = await loadTerm(trx, school.id, application.termId);
      const current = await agreementStore.currentAgreement(trx, term.id);
      if (!current) throw new AppError('AGREEMENT_MISSING');
      if (input.agreementVersion !== current.version)
        throw new AppError(
          'AGREEMENT_VERSION_STALE',
          { current: current.version },
          { current: current.version },
        );
      // The typed name must be the name of a guardian of this child whose account this is.
      const guardians = await guardiansOf(trx, [application.studentId]);
      const typed = input.signedName.trim();
      if (!guardians.some((g) => g.userId === actor.userId && g.name.trim() === typed))
        throw new AppError('SIGNED_NAME_MISMATCH', { signedName: typed });
      const now = ctx.now();
      const at = now.toISOString();
      // A place offered from the waitlist is taken up only before its deadline; lapsing is the
      // waitlist's job, but a late signature must not take a place already passed on.
      const lines = await store.linesOf(trx, [application.id]);
      const offered = lines.filter((l) => l.status === 'offered');
      const live = offered.filter((l) => !l.offerExpiresAt || Date.parse(l.offerExpiresAt) > now.getTime());
      if (offered.length > 0 && live.length === 0) {
        const settings = await loadSettings(trx, school.id);
        throw new AppError('OFFER_EXPIRED', {
          expiresAt: localDateTime(offered[0]!.offerExpiresAt!, settings.timezone),
        });
      }
      await agreementStore.insertSignature(trx, {
        id: newId(),
        application_id: application.id,
        agreement_text_id: current.id,
        signed_name: typed,
        signed_by: actor.userId,
        signed_at: at,
        ip: meta.ip,
      });
      const liveIds = new Set(live.map((l) => l.id));
      const who = { actor, meta, school };
      const { moved } = await moveApplications(trx, ctx, who, [application], 'sign', {
        reason: null,
        lineEvent: 'accept',
        lineFilter: (line) => liveIds.has(line.id),
      });
      // rule ENR-8: once the list is out, a late signature joins it at once.
      if (term.listPublishedAt) await moveApplications(trx, ctx, who, moved, 'enrol');
      const record = await loadApplication(trx, ctx, school.id, application.id, { all: true });
      return { status: 200, body: await applicationView(trx, school.id, record) };
    },
  );
}

/** The signed text with the signature, for the A4 print view. */
export async function getSignature(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  applicationId: string,
): Promise<z.infer<typeof signatureView>> {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'application.read');
  const application = await loadApplication(ctx.db, ctx, school.id, applicationId, scope);
  const signature = await agreementStore.findSignature(ctx.db, application.id);
  if (!signature) throw new AppError('NOT_FOUND');
  const [schoolRow, term, students, classes, lines] = await Promise.all([
    findSchool(ctx.db, school.id),
    loadTerm(ctx.db, school.id, application.termId),
    store.studentsOf(ctx.db, [application.studentId]),
    store.classesOf(ctx.db, [application.classId]),
    store.linesOf(ctx.db, [application.id]),
  ]);
  const schoolClass = classes.get(application.classId);
  return {
    applicationId: application.id,
    publicRef: (await refVisibility(ctx.db, actor, school))(application.studentId)
      ? application.publicRef
      : '',
    schoolName: schoolRow?.name ?? '',
    termName: term.name,
    studentName: students.get(application.studentId)?.name ?? '',
    grade: schoolClass?.grade ?? 0,
    classNo: schoolClass?.classNo ?? 0,
    offerings: lines.filter((l) => l.status === 'accepted').map((l) => l.offeringName),
    agreement: {
      id: signature.textId,
      termId: signature.termId,
      version: signature.version,
      title: signature.title,
      body: signature.body,
      createdAt: signature.textCreatedAt,
    },
    signedName: signature.signedName,
    signedAt: signature.signedAt,
    signedByName: signature.signedByName,
    status: application.status,
  };
}
