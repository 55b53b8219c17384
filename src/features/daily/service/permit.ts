// DAY-5: the walk-home-alone permit (独自回家证). The parent signs it in the app by typing their
// name (kept with time, account, address and device, like the agreement, ENR-2); the school sees
// it; a printable card carries a QR of a random token the gate checks; the parent can revoke it.
import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor, Scope } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { classLabel } from '../../people/rules';
import { childrenOfAccount } from '../../people/store';
import type { PermitView, permitCheckView, permitSignInput } from '../permit-contract';
import * as permitStore from '../permit-store';
import { permitState, weekdaysOf } from '../pickup-rules';
import * as store from '../pickup-store';
import { schoolDayContext, timetableWeekdayOf } from './pickup-common';

async function viewOf(ctx: AppContext, p: permitStore.PermitRow, today: string): Promise<PermitView> {
  const weekday = await timetableWeekdayOf(ctx.db, p.termId, today);
  const weekdays = weekdaysOf(p.weekdays);
  return {
    id: p.id,
    studentId: p.studentId,
    studentName: p.studentName,
    className: classLabel(p.grade, p.classNo),
    termId: p.termId,
    termName: p.termName,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    weekdays,
    note: p.note,
    signedName: p.signedName,
    signedAt: p.signedAt,
    revokedAt: p.revokedAt,
    state: permitState({ revokedAt: p.revokedAt, weekdays }, p, today, weekday),
  };
}

export async function signPermit(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  input: z.infer<typeof permitSignInput>,
): Promise<PermitView> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'permit.sign');
    const student = await store.familyStudent(trx, school.id, actor.userId, studentId);
    if (!student) throw new AppError('NOT_FOUND');
    const term = await trx
      .selectFrom('terms')
      .select(['id', 'name', 'ends_on as endsOn'])
      .where('id', '=', input.termId)
      .where('school_id', '=', school.id)
      .executeTakeFirst();
    if (!term) throw new AppError('NOT_FOUND');
    const day = await schoolDayContext(ctx, trx, school.id);
    if (term.endsOn < day.today)
      throw new AppError('PERMIT_TERM_OVER', { term: term.name, endsOn: term.endsOn });
    // The typed name must be a guardian of this child whose account this is (as for the agreement).
    const guardians = await store.guardianUsers(trx, [student.id]);
    if (!guardians.some((g) => g.userId === actor.userId && g.name.trim() === input.signedName))
      throw new AppError('SIGNED_NAME_MISMATCH', { signedName: input.signedName });
    const open = (
      await permitStore.permitsOf(trx, school.id, { studentIds: [student.id], termId: term.id })
    ).find((p) => p.revokedAt === null);
    if (open) throw new AppError('PERMIT_ALREADY_ACTIVE', { student: student.name });
    const at = day.now.toISOString();
    const row = {
      id: newId(),
      school_id: school.id,
      student_id: student.id,
      term_id: term.id,
      weekdays: [...input.weekdays].sort((a, b) => a - b).join(','),
      note: input.note,
      signed_name: input.signedName,
      signed_by: actor.userId,
      signed_at: at,
      ip: meta.ip,
      user_agent: meta.userAgent ?? null,
      // 128 random bits: the card's QR; unguessable, so holding it is the check.
      token: randomBytes(16).toString('base64url'),
    };
    await permitStore.insertPermit(trx, row);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('permit.sign', 'walk_home_permit', row.id, null, {
        studentId: row.student_id,
        termId: row.term_id,
        weekdays: row.weekdays,
        signedName: row.signed_name,
      }),
    );
    return row.id;
  });
  return readPermit(ctx, actor, schoolId, id);
}

/** A permit the actor may read: the family's own, a class teacher's class, or the school's. */
async function permitInScope(
  ctx: AppContext,
  actor: Actor,
  scope: Scope,
  schoolId: string,
  permitId: string,
) {
  const p = await permitStore.permitById(ctx.db, schoolId, permitId);
  if (!p) throw new AppError('NOT_FOUND');
  if (scope.all) return p;
  const student = await ctx.db
    .selectFrom('students')
    .select('class_id')
    .where('id', '=', p.studentId)
    .executeTakeFirstOrThrow();
  if (scope.classIds.includes(student.class_id)) return p;
  if (scope.familyOf && (await store.familyStudent(ctx.db, schoolId, actor.userId, p.studentId))) return p;
  throw new AppError('NOT_FOUND');
}

export async function readPermit(ctx: AppContext, actor: Actor, schoolId: string, permitId: string) {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'permit.read');
  const p = await permitInScope(ctx, actor, scope, school.id, permitId);
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  return viewOf(ctx, p, day.today);
}

export async function listPermits(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: { studentId?: string | undefined; termId?: string | undefined },
) {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'permit.read');
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  let studentIds: string[] | undefined;
  let classIds: string[] | undefined;
  if (!scope.all) {
    // A parent who is also a class teacher sees both reaches' permits.
    const family = scope.familyOf ? await childrenOfAccount(ctx.db, actor.userId).execute() : [];
    const inClasses = scope.classIds.length
      ? await ctx.db.selectFrom('students').select('id').where('class_id', 'in', scope.classIds).execute()
      : [];
    studentIds = [...family.map((f) => f.student_id), ...inClasses.map((s) => s.id)];
    classIds = undefined;
  }
  if (query.studentId) studentIds = (studentIds ?? [query.studentId]).filter((s) => s === query.studentId);
  const rows = await permitStore.permitsOf(ctx.db, school.id, {
    ...(studentIds ? { studentIds } : {}),
    ...(classIds ? { classIds } : {}),
    ...(query.termId ? { termId: query.termId } : {}),
  });
  return { items: await Promise.all(rows.map((r) => viewOf(ctx, r, day.today))) };
}

/** The printable card with its QR (and so the token the gate accepts): the family and the school's leaders. */
export async function permitCard(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  permitId: string,
) {
  const { school, scope } = await accessSchool(ctx.db, actor, schoolId, 'permit.print');
  const p = await permitInScope(ctx, actor, scope, school.id, permitId);
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  const schoolRow = await ctx.db
    .selectFrom('schools')
    .select('name')
    .where('id', '=', school.id)
    .executeTakeFirstOrThrow();
  const svg = await QRCode.toString(`KHP1:${p.token}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  // SAFE-2: printing a child's card is recorded like other printed papers.
  await writeAudit(ctx.db, auditor(ctx, actor, meta, school)('permit.print', 'walk_home_permit', p.id));
  return {
    ...(await viewOf(ctx, p, day.today)),
    schoolName: schoolRow.name,
    token: p.token,
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
  };
}

export async function revokePermit(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  permitId: string,
) {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'permit.sign');
    const p = await permitStore.permitById(trx, school.id, permitId);
    if (!p || !(await store.familyStudent(trx, school.id, actor.userId, p.studentId)))
      throw new AppError('NOT_FOUND');
    const at = ctx.now().toISOString();
    if (!(await permitStore.revokePermit(trx, p.id, actor.userId, at)))
      throw new AppError('PERMIT_ALREADY_REVOKED', { at: p.revokedAt ?? at });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'permit.revoke',
        'walk_home_permit',
        p.id,
        { revokedAt: null },
        { revokedAt: at },
      ),
    );
  });
  return readPermit(ctx, actor, schoolId, permitId);
}

/** The gate's check of a card (token or scanned `KHP1:<token>`): valid, revoked, expired…; logged. */
export async function checkPermit(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  token: string,
): Promise<z.infer<typeof permitCheckView>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'permit.check');
  const bare = token.startsWith('KHP1:') ? token.slice(5) : token;
  const p = await permitStore.permitByToken(ctx.db, school.id, bare);
  if (!p) throw new AppError('NOT_FOUND');
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  const view = await viewOf(ctx, p, day.today);
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('permit.check', 'walk_home_permit', p.id, null, { state: view.state }),
  );
  return {
    state: view.state,
    studentName: view.studentName,
    className: view.className,
    termName: view.termName,
    weekdays: view.weekdays,
    endsOn: view.endsOn,
  };
}
