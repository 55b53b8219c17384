// DIST-2, the school's read used when registering an institution's staff: the approved
// institutions of its district. The district's side (registration, courses, status changes,
// bookings, evaluations, complaints) is in district/service/institutions-*.ts.
import type { z } from 'zod';
import { accessSchool } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext } from '../../../server/context';
import type { InstitutionKind, InstitutionStatus } from '../../district/institutions-rules';
import * as institutionStore from '../../district/institutions-store';
import type { InstitutionView, institutionList } from '../outside-contract';

type Row = NonNullable<Awaited<ReturnType<typeof institutionStore.findInstitution>>>;
const view = (r: Row): InstitutionView => ({
  ...r,
  kind: r.kind as InstitutionKind,
  status: r.status as InstitutionStatus,
});

/** The school's view: the approved institutions of its district. */
export async function listApprovedInstitutions(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
): Promise<z.infer<typeof institutionList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'institution.read');
  return {
    items: (await institutionStore.listInstitutions(ctx.db, school.districtId, 'approved')).map(view),
  };
}
