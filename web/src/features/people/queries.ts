// Data hooks for people: classes, students, one student, staff.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  classList,
  StaffMember,
  StudentDetail,
  StudentRow,
} from '../../../../src/features/people/contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type ClassSummary = z.infer<typeof classList>['items'][number];

export interface StudentFilter {
  grade?: number;
  classId?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const schoolBase = (schoolId: string) => `/api/v1/schools/${schoolId}`;

export function useClasses(enabled = true) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['classes', schoolId],
    queryFn: () => get<{ items: ClassSummary[] }>(`${schoolBase(schoolId)}/classes`).then((r) => r.items),
    enabled: enabled && !!schoolId,
    staleTime: 60_000,
  });
}

export function fetchStudents(schoolId: string, filter: StudentFilter) {
  return get<{ items: StudentRow[]; total: number }>(
    `${schoolBase(schoolId)}/students${query({ ...filter })}`,
  );
}

export function useStudents(filter: StudentFilter) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['students', schoolId, filter],
    queryFn: () => fetchStudents(schoolId, filter),
    enabled: !!schoolId,
    placeholderData: (previous) => previous,
  });
}

export function fetchStudent(schoolId: string, studentId: string) {
  return get<StudentDetail>(`${schoolBase(schoolId)}/students/${studentId}`);
}

export function useStudent(studentId: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['student', schoolId, studentId],
    queryFn: () => fetchStudent(schoolId, studentId),
    enabled: !!schoolId && !!studentId,
  });
}

export function useStaff() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['staff', schoolId],
    queryFn: () => get<{ items: StaffMember[] }>(`${schoolBase(schoolId)}/staff`).then((r) => r.items),
    enabled: !!schoolId,
  });
}

/** Sorts classes by grade then number, for filters and pickers. */
export function sortClasses(classes: ClassSummary[]): ClassSummary[] {
  return [...classes].sort((a, b) => a.grade - b.grade || a.classNo - b.classNo);
}
