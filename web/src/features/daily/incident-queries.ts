// Data hooks of the incident pages (DAY-6).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  IncidentView,
  incidentFormOptions,
  incidentList,
} from '../../../../src/features/daily/incident-contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type IncidentList = z.infer<typeof incidentList>;
export type IncidentFormOptions = z.infer<typeof incidentFormOptions>;
export type { IncidentView };

export const incidentApi = (schoolId: string) => `/api/v1/schools/${schoolId}/incidents`;

export function useIncidents(filter: { status?: string | undefined; page: number }) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['incidents', schoolId, filter],
    queryFn: () =>
      get<IncidentList>(
        `${incidentApi(schoolId)}${query({ status: filter.status, page: filter.page, pageSize: 20 })}`,
      ),
    enabled: !!schoolId,
  });
}

export function useIncident(incidentId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['incident', schoolId, incidentId],
    queryFn: () => get<IncidentView>(`${incidentApi(schoolId)}/${incidentId}`),
    enabled: !!schoolId && !!incidentId,
  });
}

export function useIncidentForm(date: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['incident-form', schoolId, date],
    queryFn: () => get<IncidentFormOptions>(`/api/v1/schools/${schoolId}/incident-form${query({ date })}`),
    enabled: !!schoolId,
  });
}

export function useRefreshIncidents() {
  const client = useQueryClient();
  return useCallback(() => {
    void client.invalidateQueries({ queryKey: ['incidents'] });
    void client.invalidateQueries({ queryKey: ['incident'] });
  }, [client]);
}
