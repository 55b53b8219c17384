// "Me": the signed-in account, its schools, and what it may do in each.
import { type Action, can, policies } from '../../../server/auth/policies';
import type { SessionActor } from '../../../server/auth/sessions';
import type { AppContext } from '../../../server/context';
import { AppError } from '../../../server/errors';
import type { Role } from '../../people/rules';
import { listSchoolsByIds } from '../../people/store';
import type { Me } from '../contract';
import * as store from '../store';

const allActions = Object.keys(policies) as Action[];

export async function me(ctx: AppContext, actor: SessionActor): Promise<Me> {
  const user = await store.findUser(ctx.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const schoolIds = [...new Set(actor.grants.flatMap((g) => (g.schoolId ? [g.schoolId] : [])))];
  const districtIds = [
    ...new Set(actor.grants.filter((g) => g.role === 'district_officer').map((g) => g.districtId)),
  ];
  const schools = await listSchoolsByIds(ctx.db, schoolIds, districtIds);
  return {
    user: {
      id: user.id,
      displayName: user.display_name,
      username: user.username,
      phone: user.phone,
      locale: user.locale,
    },
    csrfToken: actor.csrfToken,
    schools: schools.map((s) => {
      const grants = actor.grants.filter(
        (g) => g.schoolId === s.id || (g.schoolId === null && g.districtId === s.districtId),
      );
      return {
        ...s,
        roles: [...new Set(grants.map((g) => g.role))] as Role[],
        classIds: grants.flatMap((g) => (g.classId ? [g.classId] : [])),
        permissions: allActions.filter((a) => can(actor, a, s)),
      };
    }),
  };
}
