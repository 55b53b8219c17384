// SAFE-2, SAFE-3: a care teacher reaches a child's guardians in an emergency. Phones are not in the
// class list; they are read per child on demand, only by someone standing for the class that day,
// and every such read is kept in the audit log ('read.sensitive').
import type { z } from 'zod';
import { auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import { guardiansOf } from '../../people/store';
import type { guardianContacts } from '../contract';
import * as store from '../store';
import { openClassDay } from './common';

export async function readGuardianContacts(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  tempClassId: string,
  date: string,
  studentId: string,
): Promise<z.infer<typeof guardianContacts>> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school, cls, role } = await openClassDay(ctx, trx, actor, schoolId, tempClassId, date, {
      write: false,
    });
    const members = await store.memberIdsOf(trx, cls.id);
    if (!members.includes(studentId)) throw new AppError('NOT_FOUND');
    const guardians = await guardiansOf(trx, [studentId]);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('read.sensitive', 'student', studentId, null, {
        what: 'guardian_phones',
        tempClassId: cls.id,
        date,
        as: role,
      }),
    );
    return { items: guardians.map((g) => ({ name: g.name, relation: g.relation, phone: g.phone })) };
  });
}
