// Data hooks for temporary classes (STAFF-1…3): the term's offerings with their classes, a class
// with its members, the papers to print, and a child's classes for the family.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  classDetail,
  classList,
  generateResult,
  moveResult,
  offeringSummaryList,
  placeResult,
  printView,
  studentClassList,
} from '../../../../src/features/groups/contract';
import { api, get, patch, post, put } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type OfferingSummaries = z.infer<typeof offeringSummaryList>;
export type ClassList = z.infer<typeof classList>;
export type ClassView = ClassList['items'][number];
export type ClassDetail = z.infer<typeof classDetail>;
export type PrintView = z.infer<typeof printView>;
export type GenerateResult = z.infer<typeof generateResult>;
export type PlaceResult = z.infer<typeof placeResult>;
export type MoveResult = z.infer<typeof moveResult>;
export type StudentClassList = z.infer<typeof studentClassList>;

const schoolApi = (schoolId: string) => `/api/v1/schools/${schoolId}`;

export function useTempClassOfferings(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['temp-class-offerings', schoolId, termId],
    queryFn: () => get<OfferingSummaries>(`${schoolApi(schoolId)}/terms/${termId}/temp-class-offerings`),
    enabled: !!schoolId && !!termId,
  });
}

export function useTempClasses(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['temp-classes', schoolId, termId],
    queryFn: () => get<ClassList>(`${schoolApi(schoolId)}/terms/${termId}/temp-classes`),
    enabled: !!schoolId && !!termId,
  });
}

export function useTempClass(classId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['temp-class', schoolId, classId],
    queryFn: () => get<ClassDetail>(`${schoolApi(schoolId)}/temp-classes/${classId}`),
    enabled: !!schoolId && !!classId,
  });
}

export function useTempClassPrint(classId: string, search: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['temp-class-print', schoolId, classId, search],
    queryFn: () => get<PrintView>(`${schoolApi(schoolId)}/temp-classes/${classId}/print?${search}`),
    enabled: !!schoolId && !!classId,
    // Each print is audited (SAFE-2): fetch once per visit, not on every focus.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useChildTempClasses(studentId: string, termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['child-temp-classes', schoolId, studentId, termId],
    queryFn: () =>
      get<StudentClassList>(`${schoolApi(schoolId)}/students/${studentId}/temp-classes?termId=${termId}`),
    enabled: !!schoolId && !!termId && !!studentId,
  });
}

/** The writes of the admin page; each refreshes what it changed. */
export function useTempClassActions() {
  const schoolId = useSchoolId();
  const client = useQueryClient();
  const refresh = useCallback(() => {
    for (const key of ['temp-class-offerings', 'temp-classes', 'temp-class'])
      void client.invalidateQueries({ queryKey: [key, schoolId] });
  }, [client, schoolId]);
  const base = schoolApi(schoolId);
  return {
    refresh,
    generate: (termId: string, offeringId?: string) =>
      post<GenerateResult>(`${base}/terms/${termId}/temp-classes/generate`, offeringId ? { offeringId } : {}),
    place: (termId: string, offeringId: string) =>
      post<PlaceResult>(`${base}/terms/${termId}/offerings/${offeringId}/temp-classes/place`),
    update: (
      classId: string,
      body: { name?: string; venueId?: string | null; headTeacherId?: string | null },
    ) => patch<ClassDetail>(`${base}/temp-classes/${classId}`, body),
    /** `key` makes a retried move (double tap, lost answer) replay the first answer. */
    move: (classId: string, studentId: string, toClassId: string, key: string) =>
      api<MoveResult>(
        'POST',
        `${base}/temp-classes/${classId}/moves`,
        { studentId, toClassId },
        { 'Idempotency-Key': key },
      ),
    seat: (classId: string, studentId: string, seatNo: number) =>
      put<ClassDetail>(`${base}/temp-classes/${classId}/seats`, { studentId, seatNo }),
  };
}
