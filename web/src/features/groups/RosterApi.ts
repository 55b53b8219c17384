// Data hooks of the duty roster, swaps, availability and outside staff pages.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  InstitutionView,
  OutsideDetail,
  outsideList,
} from '../../../../src/features/groups/outside-contract';
import type {
  AvailabilityView,
  myDuties,
  RosterDetail,
  rosterList,
  staffAvailabilityList,
  swapCandidates,
  swapList,
} from '../../../../src/features/groups/roster-contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type RosterList = z.infer<typeof rosterList>;
export type MyDuties = z.infer<typeof myDuties>;
export type SwapList = z.infer<typeof swapList>;
export type SwapCandidates = z.infer<typeof swapCandidates>;
export type StaffAvailabilityList = z.infer<typeof staffAvailabilityList>;
export type OutsideList = z.infer<typeof outsideList>;
export type { AvailabilityView, InstitutionView, OutsideDetail, RosterDetail };

export const schoolPath = (schoolId: string) => `/api/v1/schools/${schoolId}`;

/** Refreshes every query of these pages after a change. */
export function useRefreshDuty() {
  const client = useQueryClient();
  return useCallback(
    () => client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('duty') }),
    [client],
  );
}

/** The caller's own form ('me'), or, for the school, a teacher's. */
export function useAvailability(termId: string | undefined, userId = 'me') {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-availability', schoolId, termId, userId],
    queryFn: () => get<AvailabilityView>(`${schoolPath(schoolId)}/terms/${termId}/availability/${userId}`),
    enabled: !!schoolId && !!termId,
  });
}

export function useStaffAvailability(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-staff', schoolId, termId],
    queryFn: () => get<StaffAvailabilityList>(`${schoolPath(schoolId)}/terms/${termId}/availability`),
    enabled: !!schoolId && !!termId,
  });
}

export function useRosters(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-rosters', schoolId, termId],
    queryFn: () => get<RosterList>(`${schoolPath(schoolId)}/terms/${termId}/rosters`),
    enabled: !!schoolId && !!termId,
  });
}

export function useRoster(rosterId: string | undefined, filter: { from?: string; to?: string } = {}) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-roster', schoolId, rosterId, filter],
    queryFn: () => get<RosterDetail>(`${schoolPath(schoolId)}/rosters/${rosterId}${query(filter)}`),
    enabled: !!schoolId && !!rosterId,
  });
}

export function useMyDuties() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-mine', schoolId],
    queryFn: () => get<MyDuties>(`${schoolPath(schoolId)}/my-duties`),
    enabled: !!schoolId,
  });
}

export function useSwapCandidates(assignmentId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-candidates', schoolId, assignmentId],
    queryFn: () => get<SwapCandidates>(`${schoolPath(schoolId)}/duties/${assignmentId}/swap-candidates`),
    enabled: !!schoolId && !!assignmentId,
  });
}

export function useSwaps(status?: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-swaps', schoolId, status],
    queryFn: () => get<SwapList>(`${schoolPath(schoolId)}/duty-swaps${query({ status })}`),
    enabled: !!schoolId,
  });
}

export function useOutsideStaff() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-outside', schoolId],
    queryFn: () => get<OutsideList>(`${schoolPath(schoolId)}/outside-staff`),
    enabled: !!schoolId,
  });
}

export function useOutsideDetail(id: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-outside-detail', schoolId, id],
    queryFn: () => get<OutsideDetail>(`${schoolPath(schoolId)}/outside-staff/${id}`),
    enabled: !!schoolId && !!id,
  });
}

export function useApprovedInstitutions(enabled: boolean) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-institutions-approved', schoolId],
    queryFn: () =>
      get<{ items: InstitutionView[] }>(`${schoolPath(schoolId)}/institutions`).then((r) => r.items),
    enabled: enabled && !!schoolId,
  });
}

export function useDutySettings() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['duty-settings', schoolId],
    queryFn: () =>
      get<{ staffRatio: number; allowPaidOutsideBodies: boolean }>(`${schoolPath(schoolId)}/duty-settings`),
    enabled: !!schoolId,
  });
}
