// STAFF-6: outside staff (外聘人员, 家长义工). The school registers a person, records each of the five
// checks, and moves them through the review; only approved people may be rostered or take a swap.
// Identity numbers and phones are masked in every list; the full number is a logged read (SAFE-2).
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import { type Actor, can, type SchoolRef } from '../../../server/auth/policies';
import { type AppContext, type Executor, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { InstitutionStatus } from '../../district/institutions-rules';
import * as institutionStore from '../../district/institutions-store';
import { loadSettings, type SchoolSettings } from '../../programme/settings';
import type {
  checkInput,
  OutsideDetail,
  OutsideItem,
  outsideAccountInput,
  outsideEventInput,
  outsideInput,
  outsideList,
} from '../outside-contract';
import {
  checkInstitutionUse,
  checkKinds,
  checkStates,
  eventAfterCheck,
  latestChecks,
  maskIdNumber,
  maskPhone,
  type OutsideKind,
  type OutsideStatus,
  outsideRosterable,
  outsideTransition,
  outstandingChecks,
} from '../outside-rules';
import * as store from '../outside-store';
import { loadOutside, sweepLapsed, warnOffRoster } from './outside-common';
import { todayOf } from './roster-common';

type Person = NonNullable<Awaited<ReturnType<typeof store.findOutside>>>;

function itemOf(
  p: Person,
  checks: store.CheckRow[],
  today: string,
  settings: SchoolSettings,
  full: boolean,
): OutsideItem {
  const rosterable = outsideRosterable({
    status: p.status as OutsideStatus,
    kind: p.kind as OutsideKind,
    hasAccount: p.userId !== null,
    institutionStatus: (p.institutionStatus ?? null) as InstitutionStatus | null,
    allowPaidOutsideBodies: settings.allowPaidOutsideBodies,
  });
  const base = {
    id: p.id,
    name: p.name,
    kind: p.kind as OutsideKind,
    status: p.status as OutsideStatus,
    institutionName: p.institutionName ?? null,
    rosterable,
  };
  if (!full) return base;
  const latest = latestChecks(checks);
  const states = checkStates(checks, today);
  return {
    ...base,
    institutionId: p.institutionId,
    userId: p.userId,
    phoneMasked: maskPhone(p.phone),
    idNumberMasked: maskIdNumber(p.idNumber),
    checks: checkKinds.map((kind) => {
      const r = latest.get(kind) as store.CheckRow | undefined;
      return {
        kind,
        state: states[kind],
        note: r?.note ?? null,
        checkedOn: r?.checkedOn ?? null,
        validUntil: r?.validUntil ?? null,
        recordedAt: r?.recordedAt ?? null,
      };
    }),
    outstanding: outstandingChecks(checks, today),
  };
}

async function detailOf(
  db: Executor,
  school: SchoolRef,
  id: string,
  today: string,
  settings: SchoolSettings,
): Promise<OutsideDetail> {
  const person = await loadOutside(db, school.id, id);
  const checks = await store.checksOf(db, [id]);
  return {
    ...itemOf(person, checks, today, settings, true),
    history: checks.map((c) => ({
      id: c.id,
      kind: c.kind,
      passed: c.passed,
      note: c.note,
      checkedOn: c.checkedOn,
      validUntil: c.validUntil,
      recordedAt: c.recordedAt,
    })),
  };
}

async function institutionFor(db: Executor, school: SchoolRef, institutionId: string | null) {
  if (!institutionId) return null;
  const inst = await institutionStore.findInstitution(db, school.districtId, institutionId);
  if (!inst) throw new AppError('NOT_FOUND');
  return { ...inst, status: inst.status as InstitutionStatus };
}

async function assertAccount(db: Executor, schoolId: string, userId: string | null) {
  if (userId && !(await store.hasOutsideRole(db, schoolId, userId)))
    throw new AppError('OUTSIDE_ACCOUNT_INVALID');
}

export async function registerOutside(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof outsideInput>,
): Promise<OutsideDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'outsideStaff.write');
    const settings = await loadSettings(trx, school.id);
    // rule STAFF-6, DIST-2: an institution's staff only from an approved institution, if the school allows paid bodies.
    checkInstitutionUse(
      input.kind,
      await institutionFor(trx, school, input.institutionId),
      settings.allowPaidOutsideBodies,
    );
    await assertAccount(trx, school.id, input.userId);
    const at = ctx.now().toISOString();
    const id = newId();
    await store.insertOutside(trx, {
      id,
      school_id: school.id,
      user_id: input.userId,
      name: input.name,
      kind: input.kind,
      institution_id: input.institutionId,
      phone: input.phone,
      id_number: input.idNumber,
      status: 'registered',
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    });
    // The audit keeps the masked numbers: the log is read more widely than the record.
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('outsideStaff.register', 'outside_staff', id, null, {
        name: input.name,
        kind: input.kind,
        institutionId: input.institutionId,
        userId: input.userId,
        phone: maskPhone(input.phone),
        idNumber: maskIdNumber(input.idNumber),
        status: 'registered',
      }),
    );
    return detailOf(trx, school, id, todayOf(ctx.now(), settings), settings);
  });
}

/** The school's list (masked); a guard gets names and statuses only, for the gate check. */
export async function listOutside(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
): Promise<z.infer<typeof outsideList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'outsideStaff.read');
  const settings = await loadSettings(ctx.db, school.id);
  const today = todayOf(ctx.now(), settings);
  // rule STAFF-6: an expired check shows (and counts) as soon as anyone looks.
  await ctx.db.transaction().execute((trx) => sweepLapsed(trx, ctx, actor, meta, school, today));
  const full = can(actor, 'outsideStaff.write', school);
  const people = await store.listOutside(ctx.db, school.id);
  const checks = full
    ? await store.checksOf(
        ctx.db,
        people.map((p) => p.id),
      )
    : [];
  return {
    items: people.map((p) =>
      itemOf(
        p,
        checks.filter((c) => c.outsideStaffId === p.id),
        today,
        settings,
        full,
      ),
    ),
  };
}

export async function getOutside(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  id: string,
): Promise<OutsideDetail> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'outsideStaff.write');
  const settings = await loadSettings(ctx.db, school.id);
  return detailOf(ctx.db, school, id, todayOf(ctx.now(), settings), settings);
}

/** The full identity number and phone, for the school only, and every read is logged (SAFE-2). */
export async function revealOutsideIdentity(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  id: string,
): Promise<{ idNumber: string; phone: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'outsideStaff.write');
    const person = await loadOutside(trx, school.id, id);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('read.sensitive', 'outside_staff', id, null, {
        fields: ['idNumber', 'phone'],
        userAgent: meta.userAgent ?? null,
      }),
    );
    return { idNumber: person.idNumber, phone: person.phone };
  });
}

export async function recordCheck(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  id: string,
  input: z.infer<typeof checkInput>,
): Promise<OutsideDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'outsideStaff.write');
    const person = await loadOutside(trx, school.id, id);
    const settings = await loadSettings(trx, school.id);
    const today = todayOf(ctx.now(), settings);
    const at = ctx.now().toISOString();
    const checkId = newId();
    await store.insertCheck(trx, {
      id: checkId,
      outside_staff_id: id,
      check_kind: input.kind,
      passed: input.passed ? 1 : 0,
      note: input.note,
      valid_until: input.validUntil,
      recorded_by: actor.userId,
      recorded_at: at,
      checked_on: input.checkedOn,
    });
    const audit = auditor(ctx, actor, meta, school);
    await writeAudit(
      trx,
      audit('outsideStaff.check', 'outside_staff_check', checkId, null, { outsideStaffId: id, ...input }),
    );
    // rule STAFF-6: the first check opens the review; a failure sends an approved person back.
    const event = eventAfterCheck(person.status as OutsideStatus, input.passed);
    if (event) {
      const records = await store.checksOf(trx, [id]);
      const to = outsideTransition(person.status as OutsideStatus, event, records, today);
      await store.updateOutside(trx, id, { status: to, updated_at: at });
      await writeAudit(
        trx,
        audit(`outsideStaff.${event}`, 'outside_staff', id, { status: person.status }, { status: to }),
      );
      if (person.status === 'approved') await warnOffRoster(trx, ctx, school, person, to, today);
    }
    return detailOf(trx, school, id, today, settings);
  });
}

export async function moveOutside(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  id: string,
  input: z.infer<typeof outsideEventInput>,
): Promise<OutsideDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'outsideStaff.write');
    const person = await loadOutside(trx, school.id, id);
    const settings = await loadSettings(trx, school.id);
    const today = todayOf(ctx.now(), settings);
    const records = await store.checksOf(trx, [id]);
    const to = outsideTransition(person.status as OutsideStatus, input.event, records, today);
    if (to === 'approved')
      checkInstitutionUse(
        person.kind as OutsideKind,
        await institutionFor(trx, school, person.institutionId),
        settings.allowPaidOutsideBodies,
      );
    await store.updateOutside(trx, id, { status: to, updated_at: ctx.now().toISOString() });
    if (person.status === 'approved' && to !== 'approved')
      await warnOffRoster(trx, ctx, school, person, to, today);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        `outsideStaff.${input.event}`,
        'outside_staff',
        id,
        { status: person.status },
        {
          status: to,
          note: input.note,
        },
      ),
    );
    return detailOf(trx, school, id, today, settings);
  });
}

export async function linkOutsideAccount(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  id: string,
  input: z.infer<typeof outsideAccountInput>,
): Promise<OutsideDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'outsideStaff.write');
    const person = await loadOutside(trx, school.id, id);
    await assertAccount(trx, school.id, input.userId);
    await store.updateOutside(trx, id, { user_id: input.userId, updated_at: ctx.now().toISOString() });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'outsideStaff.account',
        'outside_staff',
        id,
        { userId: person.userId },
        { userId: input.userId },
      ),
    );
    const settings = await loadSettings(trx, school.id);
    return detailOf(trx, school, id, todayOf(ctx.now(), settings), settings);
  });
}
