// Data hooks of the teacher pay pages (PAY-1…8). Every key starts with ['pay'] so one invalidation
// refreshes the pages after a write.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  PayEventView,
  PayRunSummary,
  PayRunView,
  PayStatement,
  TermRecordView,
} from '../../../../src/features/pay/contract';
import { get } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type { PayEventView, PayRunSummary, PayRunView, PayStatement, TermRecordView };

export const paySchoolUrl = (schoolId: string) => `/api/v1/schools/${schoolId}`;
export const payTermUrl = (schoolId: string, termId: string) => `/api/v1/schools/${schoolId}/terms/${termId}`;

export { yuan } from '../../app/money';
/** Tenths → "10.5". */
export const points = (tenths: number) => (tenths / 10).toFixed(1);
/** Hundredths → "4.50". */
export const score = (h: number) => (h / 100).toFixed(2);

export function usePayRuns(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pay', schoolId, 'runs', termId],
    queryFn: () => get<{ items: PayRunSummary[] }>(`${payTermUrl(schoolId, termId!)}/pay-runs`),
    enabled: !!schoolId && !!termId,
  });
}

export function usePayRun(runId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pay', schoolId, 'run', runId],
    queryFn: () => get<PayRunView>(`${paySchoolUrl(schoolId)}/pay-runs/${runId}`),
    enabled: !!schoolId && !!runId,
  });
}

export function usePayStatement(runId: string | undefined, userId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pay', schoolId, 'statement', runId, userId],
    queryFn: () => get<PayStatement>(`${paySchoolUrl(schoolId)}/pay-runs/${runId}/statements/${userId}`),
    enabled: !!schoolId && !!runId && !!userId,
  });
}

export function useMyPay(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pay', schoolId, 'mine', termId],
    queryFn: () => get<{ statement: PayStatement | null }>(`${payTermUrl(schoolId, termId!)}/pay/mine`),
    enabled: !!schoolId && !!termId,
  });
}

export function useTermRecords(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pay', schoolId, 'records', termId],
    queryFn: () => get<TermRecordView>(`${payTermUrl(schoolId, termId!)}/pay/records`),
    enabled: !!schoolId && !!termId,
  });
}

export function usePayEvents(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['pay', schoolId, 'events', termId],
    queryFn: () => get<{ items: PayEventView[] }>(`${paySchoolUrl(schoolId)}/pay-events?termId=${termId}`),
    enabled: !!schoolId && !!termId,
  });
}

export function useRefreshPay() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ['pay'] }), [client]);
}

/** Pay is about the term being served: the one running today, else the latest that has started. */
export function payTerm<T extends { id: string; startsOn: string; endsOn: string }>(
  terms: T[],
): T | undefined {
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  return (
    terms.find((t) => t.startsOn <= today && today <= t.endsOn) ??
    [...terms].filter((t) => t.startsOn <= today).sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0] ??
    terms[0]
  );
}
