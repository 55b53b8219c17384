// Data hooks of the outside institutions pages (DIST-2). Every key starts with ['institutions'] so
// one invalidation refreshes the pages after a write (the duty pages read the approved list too).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  BookingView,
  CatalogueItem,
  ComplaintView,
  CourseView,
  InstitutionDetail,
  InstitutionSummary,
  SchoolFeedback,
} from '../../../../src/features/district/institutions-contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type {
  BookingView,
  CatalogueItem,
  ComplaintView,
  CourseView,
  InstitutionDetail,
  InstitutionSummary,
  SchoolFeedback,
};

export const districtInstitutionsUrl = (districtId: string) => `/api/v1/districts/${districtId}/institutions`;
export const schoolUrl = (schoolId: string) => `/api/v1/schools/${schoolId}`;

export function useRefreshInstitutions() {
  const client = useQueryClient();
  return useCallback(
    () =>
      client.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'institutions' || String(q.queryKey[0]).startsWith('duty'),
      }),
    [client],
  );
}

export function useInstitutionList(districtId: string | undefined, status?: string) {
  return useQuery({
    queryKey: ['institutions', 'district', districtId, status],
    queryFn: () =>
      get<{ items: InstitutionSummary[] }>(
        `${districtInstitutionsUrl(districtId!)}${query({ status })}`,
      ).then((r) => r.items),
    enabled: !!districtId,
  });
}

export function useInstitution(districtId: string | undefined, id: string | null) {
  return useQuery({
    queryKey: ['institutions', 'district', districtId, 'detail', id],
    queryFn: () => get<InstitutionDetail>(`${districtInstitutionsUrl(districtId!)}/${id}`),
    enabled: !!districtId && !!id,
  });
}

export function useCatalogue() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['institutions', 'school', schoolId, 'catalogue'],
    queryFn: () =>
      get<{ items: CatalogueItem[] }>(`${schoolUrl(schoolId)}/institution-catalogue`).then((r) => r.items),
    enabled: !!schoolId,
  });
}

export function useBookings() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['institutions', 'school', schoolId, 'bookings'],
    queryFn: () =>
      get<{ items: BookingView[] }>(`${schoolUrl(schoolId)}/institution-bookings`).then((r) => r.items),
    enabled: !!schoolId,
  });
}

export function useFeedback(institutionId: string | null) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['institutions', 'school', schoolId, 'feedback', institutionId],
    queryFn: () => get<SchoolFeedback>(`${schoolUrl(schoolId)}/institutions/${institutionId}/feedback`),
    enabled: !!schoolId && !!institutionId,
  });
}
