// Data hooks for enrolment: the school's terms and offerings (from the programme), applications,
// the agreement, the draw, withdrawals and the published list.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import type {
  ApplicationView,
  agreementView,
  applicationList,
  consentView,
  myApplications,
  publishedList,
  signatureView,
  withdrawalList,
} from '../../../../src/features/enrolment/contract';
import type { DrawView, waitlistView } from '../../../../src/features/enrolment/draw-contract';
import type { OfferingView, SessionView, TermView } from '../../../../src/features/programme/contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

/** The programme's views these pages read (terms with their window, sessions, offerings). */
export type TermSummary = TermView;
export type SessionSummary = SessionView;
export type OfferingSummary = OfferingView;

export type MyApplications = z.infer<typeof myApplications>;
export type ApplicationList = z.infer<typeof applicationList>;
export type AgreementView = z.infer<typeof agreementView>;
export type SignatureView = z.infer<typeof signatureView>;
export type ConsentView = z.infer<typeof consentView>;
export type PublishedList = z.infer<typeof publishedList>;
export type WithdrawalList = z.infer<typeof withdrawalList>;
export type WaitlistView = z.infer<typeof waitlistView>;

export const schoolApi = (schoolId: string) => `/api/v1/schools/${schoolId}`;
export const termApi = (schoolId: string, termId: string) => `${schoolApi(schoolId)}/terms/${termId}`;

export function useTerms() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['terms', schoolId],
    queryFn: () => get<{ items: TermSummary[] }>(`${schoolApi(schoolId)}/terms`).then((r) => r.items),
    enabled: !!schoolId,
    // The window's state moves with the clock and the programme pages: read it afresh on each page.
    staleTime: 0,
  });
}

/**
 * The term a page works on, kept in the address (`?term=`) so a link or a reload keeps it. Without
 * one: the term whose window is open, else the one whose window opened last.
 */
/**
 * The term a page works on: the one in the URL (`?term=`), else for enrolment pages the one whose
 * window is open, and for the school day's pages (temporary classes, duties) the one in progress.
 */
export function useTermChoice(prefer: 'open' | 'running' = 'open') {
  const terms = useTerms();
  const [params, setParams] = useSearchParams();
  const items = [...(terms.data ?? [])].sort((a, b) => b.windowOpensAt.localeCompare(a.windowOpensAt));
  const asked = params.get('term');
  const today = dayjs().format('YYYY-MM-DD');
  const running = items.find((t) => t.startsOn <= today && today <= t.endsOn);
  const open = items.find((t) => t.windowState === 'open');
  const term =
    items.find((t) => t.id === asked) ??
    (prefer === 'running' ? (running ?? open) : open) ??
    items[0] ??
    null;
  const choose = useCallback(
    (id: string) =>
      setParams(
        (p) => {
          p.set('term', id);
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { terms: items, term, choose, loading: terms.isLoading, error: terms.error };
}

export function useOfferings(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['offerings', schoolId, termId],
    queryFn: () =>
      get<{ items: OfferingSummary[] }>(`${termApi(schoolId, termId ?? '')}/offerings`).then((r) => r.items),
    enabled: !!schoolId && !!termId,
    staleTime: 60_000,
  });
}

export function useSessions(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['sessions', schoolId, termId],
    queryFn: () =>
      get<{ items: SessionSummary[] }>(`${termApi(schoolId, termId ?? '')}/sessions`).then((r) => r.items),
    enabled: !!schoolId && !!termId,
    staleTime: 60_000,
  });
}

export function useMyApplications(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['my-applications', schoolId, termId],
    queryFn: () => get<MyApplications>(`${termApi(schoolId, termId ?? '')}/my-applications`),
    enabled: !!schoolId && !!termId,
  });
}

export function useApplication(applicationId: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['application', schoolId, applicationId],
    queryFn: () => get<ApplicationView>(`${schoolApi(schoolId)}/applications/${applicationId}`),
    enabled: !!schoolId && !!applicationId,
  });
}

export interface ApplicationFilter {
  status?: string;
  classId?: string;
  offeringId?: string;
  page?: number;
  pageSize?: number;
}

export function useApplicationList(termId: string | undefined, filter: ApplicationFilter) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['applications', schoolId, termId, filter],
    queryFn: () =>
      get<ApplicationList>(`${termApi(schoolId, termId ?? '')}/applications${query({ ...filter })}`),
    enabled: !!schoolId && !!termId,
    placeholderData: (previous) => previous,
  });
}

export function useAgreement(termId: string | undefined, enabled = true) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['agreement', schoolId, termId],
    queryFn: () => get<AgreementView>(`${termApi(schoolId, termId ?? '')}/agreement`),
    enabled: enabled && !!schoolId && !!termId,
    retry: false,
  });
}

export function useSignature(applicationId: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['signature', schoolId, applicationId],
    queryFn: () => get<SignatureView>(`${schoolApi(schoolId)}/applications/${applicationId}/signature`),
    enabled: !!schoolId && !!applicationId,
  });
}

export function usePublishedList(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['published-list', schoolId, termId],
    queryFn: () => get<PublishedList>(`${termApi(schoolId, termId ?? '')}/list`),
    enabled: !!schoolId && !!termId,
    retry: false,
  });
}

export function useDraw(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['draw', schoolId, termId],
    queryFn: () => get<DrawView>(`${termApi(schoolId, termId ?? '')}/draw`),
    enabled: !!schoolId && !!termId,
  });
}

export function useWaitlist(termId: string | undefined, offeringId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['waitlist', schoolId, termId, offeringId],
    queryFn: () => get<WaitlistView>(`${termApi(schoolId, termId ?? '')}/draw/waitlist/${offeringId}`),
    enabled: !!schoolId && !!termId && !!offeringId,
  });
}

export function useWithdrawals(filter: { status?: string; termId?: string; page?: number }) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['withdrawals', schoolId, filter],
    queryFn: () => get<WithdrawalList>(`${schoolApi(schoolId)}/withdrawals${query({ ...filter })}`),
    enabled: !!schoolId,
    placeholderData: (previous) => previous,
  });
}

/** After a write: everything enrolment shows may have moved (statuses, places, the list). */
export function useRefreshEnrolment() {
  const client = useQueryClient();
  return useCallback(() => {
    for (const key of [
      'my-applications',
      'application',
      'applications',
      'signature',
      'published-list',
      'draw',
      'waitlist',
      'withdrawals',
      'notifications',
    ])
      void client.invalidateQueries({ queryKey: [key] });
  }, [client]);
}
