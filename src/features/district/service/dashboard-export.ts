// DIST-1: the dashboard and a school's drill-down as Excel. The figures are the ones the pages show
// (same services, same access rules); every export is recorded in the audit log (SAFE-2: exports
// are recorded), after the read succeeded, so a refused export records nothing.

import { auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import type { AppContext, RequestMeta } from '../../../server/context';
import { writeAudit } from '../../audit/store';
import { dashboardWorkbook, schoolDashboardWorkbook } from '../dashboard-xlsx';
import { getDistrictDashboard, getSchoolDashboard } from './dashboard';

export async function exportDistrictDashboard(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  date?: string,
): Promise<{ file: Buffer; filename: string }> {
  const d = await getDistrictDashboard(ctx, actor, districtId, date);
  const file = await dashboardWorkbook(d, meta.locale);
  await writeAudit(ctx.db, {
    ...auditor(ctx, actor, meta, null)('districtDashboard.export', 'district', districtId, null, {
      date: d.date,
      schools: d.schools.length,
    }),
    districtId,
  });
  return { file, filename: `district-dashboard-${d.date}.xlsx` };
}

export async function exportSchoolDashboard(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  districtId: string,
  schoolId: string,
  date?: string,
): Promise<{ file: Buffer; filename: string }> {
  const d = await getSchoolDashboard(ctx, actor, districtId, schoolId, date);
  const file = await schoolDashboardWorkbook(d, meta.locale);
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, { id: d.school.id, districtId })(
      'districtDashboard.schoolExport',
      'school',
      d.school.id,
      null,
      { date: d.date, termId: d.term?.id ?? null },
    ),
  );
  return { file, filename: `school-dashboard-${d.school.code}-${d.date}.xlsx` };
}
