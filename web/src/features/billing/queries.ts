// Data hooks for term bills and payments: the finance lists, a student's bill, a family's
// children, the receipt, recording a payment and the provider secret.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { z } from 'zod';
import type {
  billList,
  familyBills,
  issueResult,
  PaymentView,
  StudentBill,
} from '../../../../src/features/billing/bills-contract';
import type {
  notificationList,
  paymentList,
  RecordPaymentInput,
  receiptView,
  secretState,
} from '../../../../src/features/billing/payments-contract';
import { api, get, post, put, query } from '../../app/api';
import { useSchoolId } from '../../app/session';

export type BillList = z.infer<typeof billList>;
export type BillListRow = BillList['items'][number];
export type FamilyBills = z.infer<typeof familyBills>;
export type IssueResult = z.infer<typeof issueResult>;
export type PaymentList = z.infer<typeof paymentList>;
export type ReceiptView = z.infer<typeof receiptView>;
export type SecretState = z.infer<typeof secretState>;
export type NotificationList = z.infer<typeof notificationList>;
export type { PaymentView, StudentBill };

const schoolApi = (schoolId: string) => `/api/v1/schools/${schoolId}`;
export const termBillsUrl = (schoolId: string, termId: string) =>
  `${schoolApi(schoolId)}/terms/${termId}/bills`;
export const termPaymentsUrl = (schoolId: string, termId: string) =>
  `${schoolApi(schoolId)}/terms/${termId}/payments`;

export interface BillFilter {
  stream: 'service' | 'meal';
  status: 'all' | 'arrears' | 'paid' | 'over';
  classId?: string;
  q?: string;
}

export function useTermBills(termId: string | undefined, filter: BillFilter) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['term-bills', schoolId, termId, filter.stream, filter.status],
    queryFn: () =>
      get<BillList>(
        `${termBillsUrl(schoolId, termId!)}${query({ stream: filter.stream, status: filter.status })}`,
      ),
    enabled: !!schoolId && !!termId,
  });
}

export function useStudentBill(termId: string | undefined, studentId: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['student-bill', schoolId, termId, studentId],
    queryFn: () => get<StudentBill>(`${schoolApi(schoolId)}/terms/${termId}/students/${studentId}/bill`),
    enabled: !!schoolId && !!termId && !!studentId,
  });
}

export function useFamilyBills(termId: string | undefined) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['family-bills', schoolId, termId],
    queryFn: () => get<FamilyBills>(`${schoolApi(schoolId)}/terms/${termId}/family-bills`),
    enabled: !!schoolId && !!termId,
  });
}

export function usePayments(termId: string | undefined, filter: { method?: string; stream?: string }) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['payments', schoolId, termId, filter.method, filter.stream],
    queryFn: () => get<PaymentList>(`${termPaymentsUrl(schoolId, termId!)}${query(filter)}`),
    enabled: !!schoolId && !!termId,
  });
}

export function useReceipt(paymentId: string) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['receipt', schoolId, paymentId],
    queryFn: () => get<ReceiptView>(`${schoolApi(schoolId)}/payments/${paymentId}/receipt`),
    enabled: !!schoolId && !!paymentId,
  });
}

export function usePaymentSecret(enabled: boolean) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['payment-secret', schoolId],
    queryFn: () => get<SecretState>(`${schoolApi(schoolId)}/payment-secret`),
    enabled: !!schoolId && enabled,
  });
}

export function usePaymentNotifications(enabled: boolean) {
  const schoolId = useSchoolId();
  return useQuery({
    queryKey: ['payment-notifications', schoolId],
    queryFn: () => get<NotificationList>(`${schoolApi(schoolId)}/payment-notifications`),
    enabled: !!schoolId && enabled,
  });
}

/** The writes: issuing bills, recording a payment (with its idempotency key), the secret. */
export function useBillingActions() {
  const schoolId = useSchoolId();
  const client = useQueryClient();
  const refresh = useCallback(() => {
    for (const key of ['term-bills', 'student-bill', 'family-bills', 'payments'])
      void client.invalidateQueries({ queryKey: [key, schoolId] });
  }, [client, schoolId]);
  return {
    refresh,
    issue: async (termId: string) => {
      const result = await post<IssueResult>(`${schoolApi(schoolId)}/terms/${termId}/bills/issue`, {});
      refresh();
      return result;
    },
    record: async (input: RecordPaymentInput, idempotencyKey: string) => {
      const result = await api<PaymentView>('POST', `${schoolApi(schoolId)}/payments`, input, {
        'idempotency-key': idempotencyKey,
      });
      refresh();
      return result;
    },
    setSecret: async (secret: string) => {
      const result = await put<SecretState>(`${schoolApi(schoolId)}/payment-secret`, { secret });
      void client.invalidateQueries({ queryKey: ['payment-secret', schoolId] });
      return result;
    },
  };
}
