// Data hooks for fees (FEE-3, DIST-3) and meals (FEE-7): the district's caps, the term's fee
// standards, a month's meal bills, and a child's meals for the family.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type { capList } from '../../../../src/features/billing/caps-contract';
import type { feeStandard, feeStandardList } from '../../../../src/features/billing/fees-contract';
import type { mealMonth, studentMeals } from '../../../../src/features/billing/meals-contract';
import { get, post, put } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type CapList = z.infer<typeof capList>;
export type CapItem = CapList['items'][number];
export type FeeStandardList = z.infer<typeof feeStandardList>;
export type FeeStandard = z.infer<typeof feeStandard>;
export type MealMonth = z.infer<typeof mealMonth>;
export type MealBill = MealMonth['items'][number];
export type StudentMeals = z.infer<typeof studentMeals>;

const schoolApi = (schoolId: string) => `/api/v1/schools/${schoolId}`;

/** The district's caps: the district officer reads the district's, a school reads its own district's. */
export function useCaps(districtId: string | undefined, asDistrict: boolean) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['fee-caps', asDistrict ? districtId : schoolId],
    queryFn: () =>
      get<CapList>(
        asDistrict ? `/api/v1/districts/${districtId}/fee-caps` : `${schoolApi(schoolId)}/fee-caps`,
      ),
    enabled: asDistrict ? !!districtId : !!schoolId,
  });
}

export function useFeeStandards(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['fee-standards', schoolId, termId],
    queryFn: () => get<FeeStandardList>(`${schoolApi(schoolId)}/terms/${termId}/fee-standards`),
    enabled: !!schoolId && !!termId,
  });
}

export function useMealMonth(termId: string | undefined, month: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['meal-month', schoolId, termId, month],
    queryFn: () => get<MealMonth>(`${schoolApi(schoolId)}/terms/${termId}/meals?month=${month}`),
    enabled: !!schoolId && !!termId && !!month,
  });
}

export function useStudentMeals(studentId: string, termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['student-meals', schoolId, studentId, termId],
    queryFn: () => get<StudentMeals>(`${schoolApi(schoolId)}/students/${studentId}/meals?termId=${termId}`),
    enabled: !!schoolId && !!termId && !!studentId,
  });
}

/** The writes of the fee and meal pages; each refreshes what it changed. */
export function useFeeActions() {
  const schoolId = useSchoolId();
  const client = useQueryClient();
  const refresh = useCallback((key: string) => void client.invalidateQueries({ queryKey: [key] }), [client]);
  const base = schoolApi(schoolId);
  return {
    refresh,
    setCap: (
      districtId: string,
      kind: string,
      body: { minFen: number | null; maxFen: number; documentNo: string; approvedOn: string },
    ) => put<CapList>(`/api/v1/districts/${districtId}/fee-caps/${kind}`, body),
    setFee: (
      termId: string,
      offeringId: string,
      body: { feeBasis: 'month' | 'class_hour'; feeFen: number },
    ) => put<FeeStandard>(`${base}/terms/${termId}/offerings/${offeringId}/fee`, body),
    issueMeals: (termId: string, month: string) =>
      post<MealMonth>(`${base}/terms/${termId}/meals/bills`, { month }),
    optIn: (studentId: string, body: { termId: string; action: 'in' | 'out'; from: string }) =>
      post<StudentMeals>(`${base}/students/${studentId}/meal-optins`, body),
    exportUrl: (termId: string, month: string) => `${base}/terms/${termId}/meals/bills/export?month=${month}`,
  };
}
