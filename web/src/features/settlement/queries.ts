// Data hooks and paths of the monthly settlement, refunds and the term end (FEE-4, FEE-5, 多还少补).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  ClosingView,
  RefundableView,
  RefundView,
  SettlementDetail,
  TermSettlements,
} from '../../../../src/features/billing/settlement-contract';
import { get, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type { ClosingView, RefundableView, RefundView, SettlementDetail, TermSettlements };

export const schoolApi = (schoolId: string) => `/api/v1/schools/${schoolId}`;
export const termApi = (schoolId: string, termId: string) => `${schoolApi(schoolId)}/terms/${termId}`;

export const settlementPaths = {
  settlements: '/finance/settlements',
  refunds: '/finance/refunds',
  termEnd: '/finance/term-end',
};

export function useTermSettlements(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['settle', schoolId, 'months', termId],
    queryFn: () => get<TermSettlements>(`${termApi(schoolId, termId!)}/settlements`),
    enabled: !!schoolId && !!termId,
  });
}

export function useSettlement(settlementId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['settle', schoolId, 'settlement', settlementId],
    queryFn: () => get<SettlementDetail>(`${schoolApi(schoolId)}/settlements/${settlementId}`),
    enabled: !!schoolId && !!settlementId,
  });
}

export function useRefunds(filter: { termId?: string; status?: string }) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['settle', schoolId, 'refunds', filter],
    queryFn: () => get<{ items: RefundView[] }>(`${schoolApi(schoolId)}/refunds${query(filter)}`),
    enabled: !!schoolId,
  });
}

export function useRefundable(termId: string | undefined, stream: string, enabled: boolean) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['settle', schoolId, 'refundable', termId, stream],
    queryFn: () => get<RefundableView>(`${termApi(schoolId, termId!)}/refundable${query({ stream })}`),
    enabled: !!schoolId && !!termId && enabled,
  });
}

export function useClosings(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['settle', schoolId, 'closings', termId],
    queryFn: () => get<{ items: ClosingView[] }>(`${termApi(schoolId, termId!)}/closings`),
    enabled: !!schoolId && !!termId,
  });
}

/** After any write: settlements, refunds and closings read the same ledger. */
export function useRefreshSettle() {
  const client = useQueryClient();
  const schoolId = useSchoolId();
  return useCallback(() => client.invalidateQueries({ queryKey: ['settle', schoolId] }), [client, schoolId]);
}
