// Data hooks of the pickup, permit, board and gate pages (react-query over the API).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BoardView } from '../../../../src/features/daily/board-contract';
import type { outsideStaffCheckView, visitorList } from '../../../../src/features/daily/gate-contract';
import type { permitCard, permitList } from '../../../../src/features/daily/permit-contract';
import type {
  familyAdultList,
  myPickupClasses,
  pickupClassView,
  releaseList,
} from '../../../../src/features/daily/pickup-contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export const schoolPath = (schoolId: string) => `/api/v1/schools/${schoolId}`;

export function usePickupAdults(studentId: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pickup', schoolId, 'adults', studentId],
    queryFn: () =>
      get<z.infer<typeof familyAdultList>>(`${schoolPath(schoolId)}/students/${studentId}/pickup-adults`),
  });
}

export function useFamilyReleases() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pickup', schoolId, 'my-releases'],
    queryFn: () => get<z.infer<typeof releaseList>>(`${schoolPath(schoolId)}/pickup/my-releases`),
    refetchInterval: 15_000,
  });
}

export function useMyPickupClasses() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pickup', schoolId, 'classes'],
    queryFn: () => get<z.infer<typeof myPickupClasses>>(`${schoolPath(schoolId)}/pickup/classes`),
  });
}

export function usePickupClass(tempClassId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pickup', schoolId, 'class', tempClassId],
    queryFn: () =>
      get<z.infer<typeof pickupClassView>>(`${schoolPath(schoolId)}/pickup/classes/${tempClassId}`),
    enabled: !!tempClassId,
    refetchInterval: 15_000,
  });
}

export function useBoard() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pickup', schoolId, 'board'],
    queryFn: () => get<BoardView>(`${schoolPath(schoolId)}/duty-board`),
    // DAY-10: the leader watches it live on the patrol.
    refetchInterval: 10_000,
  });
}

export function usePermits(studentId?: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pickup', schoolId, 'permits', studentId],
    queryFn: () => get<z.infer<typeof permitList>>(`${schoolPath(schoolId)}/permits${query({ studentId })}`),
  });
}

export function usePermitCard(permitId: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pickup', schoolId, 'permit-card', permitId],
    queryFn: () => get<z.infer<typeof permitCard>>(`${schoolPath(schoolId)}/permits/${permitId}/card`),
    enabled: !!schoolId,
  });
}

export function useVisitors(onSiteOnly: boolean) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pickup', schoolId, 'visitors', onSiteOnly],
    queryFn: () =>
      get<z.infer<typeof visitorList>>(
        `${schoolPath(schoolId)}/gate/visitors${query({ onSite: onSiteOnly ? '1' : undefined })}`,
      ),
  });
}

export type OutsideStaffCheck = z.infer<typeof outsideStaffCheckView>;

/** Invalidates every pickup query of the school after a write. */
export function usePickupRefresh() {
  const client = useQueryClient();
  const schoolId = useSchoolId();
  return () => client.invalidateQueries({ queryKey: ['pickup', schoolId] });
}
