// The online payment provider sits behind this interface: a school's gateway (a bank's or an
// aggregator's) is reached through an adapter, and the rest of the system sees only orders and
// verified notifications. The one adapter here speaks the signed-notification protocol of
// /api/v1/payments/notify (HMAC-SHA256 over `timestamp.body`, the notify webhooks' style). No test
// calls a provider; they sign notifications with the school's secret, as a gateway would.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { checkNotification, notifySignatureHeader, notifyTimestampHeader } from './payments-rules';
import { streams } from './rules';

/** What the gateway posts when money arrived (amount in fen, its own transaction id). */
export const notificationBody = z.object({
  schoolId: z.string().min(1).max(64),
  termId: z.string().min(1).max(64),
  studentId: z.string().min(1).max(64),
  stream: z.enum(streams).default('service'),
  transactionId: z.string().trim().min(1).max(100),
  amountFen: z.number().int().positive().max(100_000_000),
  /** When the family paid, as the gateway saw it (ISO-8601). */
  paidAt: z.iso.datetime({ offset: true }).optional(),
  /** The order this pays, when it was created through `createOrder`. */
  orderRef: z.string().max(100).optional(),
});
export type NotificationBody = z.infer<typeof notificationBody>;

export interface OrderRequest {
  schoolId: string;
  termId: string;
  studentId: string;
  stream: 'service' | 'meal';
  amountFen: number;
  orderRef: string;
  /** Unix seconds. */
  timestamp: number;
}

export interface CreatedOrder {
  orderRef: string;
  amountFen: number;
  /** The order as the gateway receives it, and its signature. */
  payload: string;
  signature: string;
}

export type ParsedNotification =
  | { outcome: 'ok'; body: NotificationBody }
  | { outcome: 'bad_signature' }
  | { outcome: 'stale' }
  | { outcome: 'invalid'; detail: string };

export interface PaymentProvider {
  readonly name: string;
  /** An order for an amount, handed to the gateway's checkout (the web app never fakes one). */
  createOrder(order: OrderRequest, secret: string): CreatedOrder;
  /** Checks a notification's signature and age, then reads it. */
  parseNotification(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
    secret: string | null,
    nowMs: number,
  ): ParsedNotification;
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export const hmacNotificationProvider: PaymentProvider = {
  name: 'hmac-notification',
  createOrder(order, secret) {
    const payload = JSON.stringify(order);
    const signature = `sha256=${createHmac('sha256', secret).update(`${order.timestamp}.${payload}`, 'utf8').digest('hex')}`;
    return { orderRef: order.orderRef, amountFen: order.amountFen, payload, signature };
  },
  parseNotification(rawBody, headers, secret, nowMs) {
    const check = checkNotification(
      rawBody,
      header(headers, notifyTimestampHeader),
      header(headers, notifySignatureHeader),
      secret,
      nowMs,
    );
    if (check === 'bad_signature') return { outcome: 'bad_signature' };
    if (check === 'stale') return { outcome: 'stale' };
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return { outcome: 'invalid', detail: 'body is not JSON' };
    }
    const parsed = notificationBody.safeParse(json);
    if (!parsed.success)
      return {
        outcome: 'invalid',
        detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      };
    return { outcome: 'ok', body: parsed.data };
  },
};

/** The school a notification claims to be for, read before the signature can be checked (its secret). */
export function claimedSchool(rawBody: string): string | null {
  try {
    const v = (JSON.parse(rawBody) as { schoolId?: unknown }).schoolId;
    return typeof v === 'string' && v.length <= 64 ? v : null;
  } catch {
    return null;
  }
}
