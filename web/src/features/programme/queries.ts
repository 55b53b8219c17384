// Data hooks for the programme. Every key starts with ['programme', schoolId] so one
// invalidation refreshes the pages after a change.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ClassDemand,
  calendarView,
  DemandSummary,
  DistrictReport,
  FivePlusTwoView,
  NoticeContent,
  noticeDraftView,
  noticeVersions,
  OfferingView,
  PublishedNotice,
  SessionList,
  schoolDaysView,
  TermView,
  VenueView,
} from '../../../../src/features/programme/contract';
import type { SchoolSettings } from '../../../../src/features/programme/settings';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export const schoolUrl = (schoolId: string) => `/api/v1/schools/${schoolId}`;
export const termUrl = (schoolId: string, termId: string) => `${schoolUrl(schoolId)}/terms/${termId}`;

function useProgrammeQuery<T>(parts: unknown[], url: string | null, enabled = true) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['programme', schoolId, ...parts],
    queryFn: () => get<T>(url!),
    enabled: enabled && !!schoolId && url !== null,
  });
}

/** Refreshes everything of the programme after a write. */
export function useRefresh() {
  const client = useQueryClient();
  const schoolId = useSchoolId();
  return () => client.invalidateQueries({ queryKey: ['programme', schoolId] });
}

export function useTerms(enabled = true) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<{ items: TermView[] }>(['terms'], `${schoolUrl(schoolId)}/terms`, enabled);
}

export function useTerm(termId: string) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<TermView>(['term', termId], termUrl(schoolId, termId));
}

export function useCalendar(termId: string) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<z.infer<typeof calendarView>>(
    ['calendar', termId],
    `${termUrl(schoolId, termId)}/calendar`,
  );
}

export function useSchoolDays(termId: string) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<z.infer<typeof schoolDaysView>>(
    ['school-days', termId],
    `${termUrl(schoolId, termId)}/school-days`,
  );
}

export function useVenues() {
  const schoolId = useSchoolId();
  return useProgrammeQuery<{ items: VenueView[] }>(['venues'], `${schoolUrl(schoolId)}/venues`);
}

export function useSessions(termId: string) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<SessionList>(['sessions', termId], `${termUrl(schoolId, termId)}/sessions`);
}

export function useOfferings(termId: string) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<{ items: OfferingView[] }>(
    ['offerings', termId],
    `${termUrl(schoolId, termId)}/offerings`,
  );
}

export function useFivePlusTwo(termId: string) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<FivePlusTwoView>(['5+2', termId], `${termUrl(schoolId, termId)}/five-plus-two`);
}

export function useDistrictReport(districtId: string | undefined, from: string | undefined) {
  return useProgrammeQuery<DistrictReport>(
    ['district', districtId, from],
    districtId ? `/api/v1/districts/${districtId}/five-plus-two${query({ from })}` : null,
  );
}

export function useSettings() {
  const schoolId = useSchoolId();
  return useProgrammeQuery<SchoolSettings>(['settings'], `${schoolUrl(schoolId)}/settings`);
}

export function useNoticeDraft(termId: string) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<z.infer<typeof noticeDraftView>>(
    ['notice-draft', termId],
    `${termUrl(schoolId, termId)}/notice/draft`,
  );
}

export function useNoticePreview(termId: string, enabled: boolean) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<NoticeContent>(
    ['notice-preview', termId],
    `${termUrl(schoolId, termId)}/notice/preview`,
    enabled,
  );
}

export function useNoticeVersions(termId: string) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<z.infer<typeof noticeVersions>>(
    ['notice-versions', termId],
    `${termUrl(schoolId, termId)}/notice/versions`,
  );
}

/** The latest published notice, or one version of it. */
export function usePublishedNotice(termId: string | undefined, version?: number) {
  const schoolId = useSchoolId();
  const url = termId ? `${termUrl(schoolId, termId)}/notice${version ? `/versions/${version}` : ''}` : null;
  return useProgrammeQuery<PublishedNotice>(['notice', termId, version ?? 'latest'], url);
}

export function useDemandSummary(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<DemandSummary>(
    ['demand', termId],
    termId ? `${termUrl(schoolId, termId)}/demand` : null,
  );
}

export function useClassDemand(termId: string | undefined, classId: string | undefined) {
  const schoolId = useSchoolId();
  return useProgrammeQuery<ClassDemand>(
    ['demand-class', termId, classId],
    termId && classId ? `${termUrl(schoolId, termId)}/demand/classes/${classId}` : null,
  );
}

/** The term a page opens on: the one open for applications, else the coming one, else the newest. */
export function currentTerm<T extends Pick<TermView, 'windowState'>>(terms: T[]): T | undefined {
  return (
    terms.find((t) => t.windowState === 'open') ?? terms.find((t) => t.windowState === 'before') ?? terms[0]
  );
}
