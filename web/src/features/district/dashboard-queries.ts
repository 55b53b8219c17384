// Data hooks of the district dashboard (DIST-1): the figures of every school and one school's
// drill-down, for the term running at a date. Export links point at the API's xlsx routes.
import { useQuery } from '@tanstack/react-query';
import type {
  DistrictDashboard,
  SchoolDashboard,
} from '../../../../src/features/district/dashboard-contract';
import { get, query } from '../../app/api';

export type { DistrictDashboard, SchoolDashboard };
export type SchoolRow = DistrictDashboard['schools'][number];

export const dashboardUrl = (districtId: string) => `/api/v1/districts/${districtId}/dashboard`;
export const schoolDashboardUrl = (districtId: string, schoolId: string) =>
  `${dashboardUrl(districtId)}/schools/${schoolId}`;

export function useDistrictDashboard(districtId: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: ['districtDashboard', districtId, date],
    queryFn: () => get<DistrictDashboard>(`${dashboardUrl(districtId!)}${query({ date })}`),
    enabled: !!districtId,
  });
}

export function useSchoolDashboard(
  districtId: string | undefined,
  schoolId: string,
  date: string | undefined,
) {
  return useQuery({
    queryKey: ['districtDashboard', districtId, 'school', schoolId, date],
    queryFn: () => get<SchoolDashboard>(`${schoolDashboardUrl(districtId!, schoolId)}${query({ date })}`),
    enabled: !!districtId && !!schoolId,
  });
}

/** 33.3 → "33.3%"; null (nothing to divide) → "—". */
export const percentText = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${rate}%`;
