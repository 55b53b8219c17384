// Data hooks and paths of the care teacher's day.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  careLogView,
  emergencyPlanView,
  leaveList,
  rollSheet,
  staffAttendanceList,
  todayView,
} from '../../../../src/features/daily/contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type TodayView = z.infer<typeof todayView>;
export type TodayClass = TodayView['classes'][number];
export type RollSheet = z.infer<typeof rollSheet>;
export type CareLogView = z.infer<typeof careLogView>;
export type LeaveList = z.infer<typeof leaveList>;
export type StaffAttendanceList = z.infer<typeof staffAttendanceList>;
export type EmergencyPlan = z.infer<typeof emergencyPlanView>;

export const schoolApi = (schoolId: string) => `/api/v1/schools/${schoolId}`;
export const classDayApi = (schoolId: string, tempClassId: string, date: string) =>
  `${schoolApi(schoolId)}/temp-classes/${tempClassId}/days/${date}`;

export const dailyPaths = {
  today: '/daily',
  roll: (tempClassId: string, date: string) => `/daily/classes/${tempClassId}/${date}/roll`,
  log: (tempClassId: string, date: string) => `/daily/classes/${tempClassId}/${date}/log`,
  leave: '/daily/leave',
  staff: '/daily/staff-attendance',
  emergency: '/daily/emergency',
};

export function useToday() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['daily', 'today', schoolId],
    queryFn: () => get<TodayView>(`${schoolApi(schoolId)}/today`),
    enabled: !!schoolId,
    refetchInterval: 60_000,
  });
}

export function useRollSheet(tempClassId: string, date: string, print = false) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['daily', 'roll', schoolId, tempClassId, date, print],
    queryFn: () =>
      get<RollSheet>(`${classDayApi(schoolId, tempClassId, date)}/roll-call${print ? '?print=1' : ''}`),
    enabled: !!schoolId,
  });
}

export function useCareLog(tempClassId: string, date: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['daily', 'log', schoolId, tempClassId, date],
    queryFn: () => get<CareLogView>(`${classDayApi(schoolId, tempClassId, date)}/care-log`),
    enabled: !!schoolId,
  });
}

export function useLeave(filter: { from?: string; to?: string }) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['daily', 'leave', schoolId, filter],
    queryFn: () => get<LeaveList>(`${schoolApi(schoolId)}/leave${query(filter)}`),
    enabled: !!schoolId,
  });
}

export function useStaffAttendance(from: string, to: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['daily', 'staff', schoolId, from, to],
    queryFn: () => get<StaffAttendanceList>(`${schoolApi(schoolId)}/staff-attendance${query({ from, to })}`),
    enabled: !!schoolId,
  });
}

export function useEmergencyPlan() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['daily', 'emergency', schoolId],
    queryFn: () => get<EmergencyPlan>(`${schoolApi(schoolId)}/emergency-plan`),
    enabled: !!schoolId,
  });
}

export function useRefreshDaily() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ['daily'] }), [client]);
}
