// Data hooks of the service fund pages (FEE-2, FEE-8, FEE-9). Every key starts with ['fund'] so one
// invalidation refreshes the pages after a write.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  expectedSubsidyView,
  FundDocumentView,
  PublishedStatement,
  publishedList,
  statementLines,
  WorkingStatement,
} from '../../../../src/features/billing/fund-contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type { FundDocumentView, PublishedStatement, WorkingStatement };
export type ExpectedSubsidy = z.infer<typeof expectedSubsidyView>;
export type PublishedList = z.infer<typeof publishedList>;
export type PublishedSummary = PublishedList['items'][number];
export type StatementLines = z.infer<typeof statementLines>;
export type Statement = WorkingStatement['statement'];

export const fundTermUrl = (schoolId: string, termId: string) =>
  `/api/v1/schools/${schoolId}/terms/${termId}/fund`;
export const publishedUrl = (schoolId: string) => `/api/v1/schools/${schoolId}/fund-statements`;

export function useFundDocuments(termId: string | undefined, kind?: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['fund', schoolId, 'documents', termId, kind],
    queryFn: () =>
      get<{ items: FundDocumentView[] }>(`${fundTermUrl(schoolId, termId!)}/documents${query({ kind })}`),
    enabled: !!schoolId && !!termId,
  });
}

export function useExpectedSubsidy(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['fund', schoolId, 'expected', termId],
    queryFn: () => get<ExpectedSubsidy>(`${fundTermUrl(schoolId, termId!)}/subsidy-expected`),
    enabled: !!schoolId && !!termId,
  });
}

export function useWorkingStatement(termId: string | undefined, period: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['fund', schoolId, 'statement', termId, period],
    queryFn: () => get<WorkingStatement>(`${fundTermUrl(schoolId, termId!)}/statement${query({ period })}`),
    enabled: !!schoolId && !!termId,
  });
}

export function useStatementLines(termId: string | undefined, period: string, figure: string | null) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['fund', schoolId, 'lines', termId, period, figure],
    queryFn: () =>
      get<StatementLines>(`${fundTermUrl(schoolId, termId!)}/statement/lines${query({ period, figure })}`),
    enabled: !!schoolId && !!termId && !!figure,
  });
}

export function usePublishedStatements(schoolId: string) {
  return useQuery({
    queryKey: ['fund', schoolId, 'published'],
    queryFn: () => get<PublishedList>(publishedUrl(schoolId)),
    enabled: !!schoolId,
  });
}

export function usePublishedStatement(schoolId: string, statementId: string) {
  return useQuery({
    queryKey: ['fund', schoolId, 'published', statementId],
    queryFn: () => get<PublishedStatement>(`${publishedUrl(schoolId)}/${statementId}`),
    enabled: !!schoolId && !!statementId,
  });
}

export function useDistrictStatements(districtId: string | undefined, all: boolean) {
  return useQuery({
    queryKey: ['fund', 'district', districtId, all],
    queryFn: () =>
      get<PublishedList>(`/api/v1/districts/${districtId}/fund-statements${query({ all: String(all) })}`),
    enabled: !!districtId,
  });
}

export function useRefreshFund() {
  const client = useQueryClient();
  return useCallback(() => {
    void client.invalidateQueries({ queryKey: ['fund'] });
  }, [client]);
}

/** 12345 → "123.45" (fen to yuan, for display only). */
export { yuan } from '../../app/money';
