// Data hooks of the surveys pages (SURV-1, SURV-2). Every key starts with ['surveys'] so one
// invalidation refreshes the pages after a write.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  CreateSurveyInput,
  MyScores,
  QuestionView,
  SubmitResponseInput,
  SurveyResults,
  SurveySummary,
  SurveyView,
  UpdateSurveyInput,
} from '../../../../src/features/surveys/contract';
import { api, get, patch, post, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type { MyScores, QuestionView, SurveyResults, SurveySummary, SurveyView };

export const surveysUrl = (schoolId: string) => `/api/v1/schools/${schoolId}/surveys`;
export const surveyUrl = (schoolId: string, surveyId: string) => `${surveysUrl(schoolId)}/${surveyId}`;

export function useSurveys(termId?: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['surveys', schoolId, 'list', termId],
    queryFn: () => get<{ items: SurveySummary[] }>(`${surveysUrl(schoolId)}${query({ termId })}`),
    enabled: !!schoolId,
  });
}

export function useSurvey(surveyId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['surveys', schoolId, 'one', surveyId],
    queryFn: () => get<SurveyView>(surveyUrl(schoolId, surveyId!)),
    enabled: !!schoolId && !!surveyId,
  });
}

export function useResults(surveyId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['surveys', schoolId, 'results', surveyId],
    queryFn: () => get<SurveyResults>(`${surveyUrl(schoolId, surveyId!)}/results`),
    enabled: !!schoolId && !!surveyId,
  });
}

export function useMyScores() {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['surveys', schoolId, 'my-scores'],
    queryFn: () => get<MyScores>(`/api/v1/schools/${schoolId}/my-survey-scores`),
    enabled: !!schoolId,
  });
}

/** The writes, each refreshing every survey query of the school afterwards. */
export function useSurveyWrites() {
  const schoolId = useSchoolId();
  const client = useQueryClient();
  const refresh = useCallback(
    () => client.invalidateQueries({ queryKey: ['surveys', schoolId] }),
    [client, schoolId],
  );
  const after = async <T>(p: Promise<T>) => {
    const result = await p;
    await refresh();
    return result;
  };
  return {
    create: (termId: string, body: CreateSurveyInput) =>
      after(post<SurveyView>(`/api/v1/schools/${schoolId}/terms/${termId}/surveys`, body)),
    update: (surveyId: string, body: UpdateSurveyInput) =>
      after(patch<SurveyView>(surveyUrl(schoolId, surveyId), body)),
    open: (surveyId: string) => after(post<SurveyView>(`${surveyUrl(schoolId, surveyId)}/open`)),
    close: (surveyId: string) => after(post<SurveyView>(`${surveyUrl(schoolId, surveyId)}/close`)),
    /** A retry after a lost answer replays the first one (the same Idempotency-Key). */
    submit: (surveyId: string, body: SubmitResponseInput, key: string) =>
      after(api('POST', `${surveyUrl(schoolId, surveyId)}/responses`, body, { 'idempotency-key': key })),
  };
}

/** A mean in hundredths as the reader sees it: 450 → "4.50". */
export const meanText = (h: number) => (h / 100).toFixed(2);
