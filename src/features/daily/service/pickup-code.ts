// DAY-4: each authorised adult's own pickup code (接送码), for the family only. The family sees
// the codes (tap to reveal on the phone) with a QR form, and sets a new random code when one may
// have been seen by others. No staff role has the 'pickup.code' action, so no staff call reaches
// this file; release compares codes without ever returning them.
import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type { familyAdultList } from '../pickup-contract';
import { pickupQrPayload } from '../pickup-rules';
import * as store from '../pickup-store';

type FamilyAdultList = z.infer<typeof familyAdultList>;

async function qrOf(adultId: string, code: string): Promise<string> {
  const svg = await QRCode.toString(pickupQrPayload(adultId, code), {
    type: 'svg',
    margin: 1,
    errorCorrectionLevel: 'M',
  });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export async function familyAdults(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
): Promise<FamilyAdultList> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'pickup.code');
  const student = await store.familyStudent(ctx.db, school.id, actor.userId, studentId);
  if (!student) throw new AppError('NOT_FOUND');
  const adults = await store.adultsWithCodes(ctx.db, school.id, student.id);
  void meta;
  return {
    student: { id: student.id, name: student.name },
    adults: await Promise.all(
      adults.map(async (a) => ({
        id: a.id,
        name: a.name,
        relation: a.relation,
        revokedAt: a.revokedAt,
        // A revoked adult's code is void; it is not shown again.
        code: a.revokedAt ? null : a.code,
        qrDataUrl: a.revokedAt || !a.code ? null : await qrOf(a.id, a.code),
        codeSetAt: a.codeSetAt,
      })),
    ),
  };
}

/**
 * A new random code for one adult (crypto.randomInt: uniform, unpredictable). Codes of one child's
 * adults differ, so a typed code names exactly one adult.
 */
export async function renewCode(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  studentId: string,
  adultId: string,
): Promise<FamilyAdultList> {
  await ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'pickup.code');
    const student = await store.familyStudent(trx, school.id, actor.userId, studentId);
    if (!student) throw new AppError('NOT_FOUND');
    const adults = await store.adultsWithCodes(trx, school.id, student.id);
    const adult = adults.find((a) => a.id === adultId);
    if (!adult) throw new AppError('NOT_FOUND');
    if (adult.revokedAt) throw new AppError('PICKUP_ADULT_REVOKED', { adult: adult.name });
    const taken = new Set(adults.filter((a) => a.id !== adult.id && a.code).map((a) => a.code));
    let code: string;
    do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    while (taken.has(code) || code === adult.code);
    const at = ctx.now().toISOString();
    await store.upsertCode(trx, {
      adult_id: adult.id,
      school_id: school.id,
      student_id: student.id,
      code,
      set_by: actor.userId,
      set_at: at,
    });
    // SAFE-1: who changed which adult's code and when; the code itself stays out of the log.
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'pickup.code.set',
        'authorised_adult',
        adult.id,
        { codeSetAt: adult.codeSetAt },
        { codeSetAt: at },
      ),
    );
  });
  return familyAdults(ctx, actor, meta, schoolId, studentId);
}
