// DAY-9: the guard's work at the gate (门卫): the visitor register (来访登记) and the identity
// check of outside staff (外聘人员). ID numbers are shown masked; reading one in full is logged
// (SAFE-2, 'read.sensitive'); each identity check is logged too.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { maskPhone } from '../../people/rules';
import { addDays } from '../../programme/time';
import type { visitorInput, visitorListQuery } from '../gate-contract';
import * as gateStore from '../gate-store';
import { maskIdNumber } from '../pickup-rules';
import { schoolDayContext } from './pickup-common';

function visitorView(v: NonNullable<Awaited<ReturnType<typeof gateStore.visitorById>>>) {
  return {
    id: v.id,
    name: v.name,
    idNumberMasked: maskIdNumber(v.idNumber),
    phoneMasked: maskPhone(v.phone),
    purpose: v.purpose,
    host: v.host,
    inAt: v.inAt,
    outAt: v.outAt,
  };
}

/** The UTC instants bounding a school-local day (the zone's offset read from Intl). */
function dayBounds(date: string, timeZone: string): { from: string; to: string } {
  const noon = new Date(`${date}T12:00:00Z`);
  const local = new Date(noon.toLocaleString('en-US', { timeZone }));
  const utc = new Date(noon.toLocaleString('en-US', { timeZone: 'UTC' }));
  const offset = local.getTime() - utc.getTime();
  const from = new Date(Date.parse(`${date}T00:00:00Z`) - offset).toISOString();
  const to = new Date(Date.parse(`${addDays(date, 1)}T00:00:00Z`) - offset).toISOString();
  return { from, to };
}

export async function registerVisitor(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: z.infer<typeof visitorInput>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'gate.write');
    const at = ctx.now().toISOString();
    const row = {
      id: newId(),
      school_id: school.id,
      name: input.name,
      id_number: input.idNumber.toUpperCase(),
      phone: input.phone,
      purpose: input.purpose,
      host: input.host,
      in_at: at,
      recorded_by: actor.userId,
    };
    await gateStore.insertVisitor(trx, row);
    // The audit keeps the masked number only; the register itself holds the full one.
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('gate.visitor.in', 'gate_visitor', row.id, null, {
        name: row.name,
        idNumber: maskIdNumber(row.id_number),
        purpose: row.purpose,
        host: row.host,
      }),
    );
    return visitorView((await gateStore.visitorById(trx, school.id, row.id))!);
  });
}

export async function signOutVisitor(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  visitorId: string,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'gate.write');
    const v = await gateStore.visitorById(trx, school.id, visitorId);
    if (!v) throw new AppError('NOT_FOUND');
    const at = ctx.now().toISOString();
    if (!(await gateStore.signOut(trx, v.id, actor.userId, at)))
      throw new AppError('GATE_ALREADY_SIGNED_OUT', { at: v.outAt ?? at });
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'gate.visitor.out',
        'gate_visitor',
        v.id,
        { outAt: null },
        { outAt: at },
      ),
    );
    return visitorView((await gateStore.visitorById(trx, school.id, v.id))!);
  });
}

export async function listVisitors(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: z.infer<typeof visitorListQuery>,
) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'gate.read');
  const day = await schoolDayContext(ctx, ctx.db, school.id);
  const bounds = dayBounds(query.date ?? day.today, day.settings.timezone);
  const rows = await gateStore.visitors(ctx.db, school.id, { ...bounds, onSiteOnly: query.onSite === '1' });
  return { items: rows.map(visitorView) };
}

/** The full ID number of one visitor, for a check that needs it; every such read is logged. */
export async function visitorIdNumber(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  visitorId: string,
) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'gate.read');
  const v = await gateStore.visitorById(ctx.db, school.id, visitorId);
  if (!v) throw new AppError('NOT_FOUND');
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('read.sensitive', 'gate_visitor', v.id, null, { field: 'id_number' }),
  );
  return { id: v.id, idNumber: v.idNumber };
}

/**
 * DAY-9, STAFF-6: is this person approved outside staff? Looked up by name, phone or the last
 * digits of the ID; the answer shows the status and masked identifiers only. Logged.
 */
export async function checkOutsideStaff(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  q: string,
) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'gate.read');
  const rows = await gateStore.findOutsideStaff(ctx.db, ctx.dialect, school.id, q);
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('gate.outsideStaff.check', 'school', school.id, null, {
      query: /^[0-9Xx]+$/.test(q) ? `…${q.slice(-4)}` : q,
      found: rows.map((r) => r.id),
    }),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      phoneMasked: maskPhone(r.phone),
      idNumberMasked: maskIdNumber(r.idNumber),
      status: r.status,
      approved: r.status === 'approved',
      institution: r.institution,
    })),
  };
}
