// Delivery rules of the notify channels (webhook, SMTP): the signed webhook body, a delivery's
// state machine, and when an outbox row is finished. Pure: no I/O, no clock.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type ChannelKind = 'webhook' | 'smtp';
export const channelKinds = ['webhook', 'smtp'] as const;

/** A delivery of one outbox row on one channel. */
export type DeliveryStatus = 'pending' | 'sent' | 'skipped' | 'failed';
export type DeliveryEvent = 'sent' | 'skip' | 'error';

/** Attempts per delivery before it is given up (with backoff: about 5 hours in all). */
export const maxDeliveryAttempts = 8;

/**
 * The transition table: only a pending delivery moves. A send error keeps it pending (retried) until
 * the attempts are spent, then it fails for good; `attempts` counts this attempt.
 */
export function nextDeliveryStatus(
  from: DeliveryStatus,
  event: DeliveryEvent,
  attempts: number,
  maxAttempts: number = maxDeliveryAttempts,
): DeliveryStatus {
  if (from !== 'pending') throw new Error(`a ${from} delivery does not change`);
  if (event === 'sent') return 'sent';
  if (event === 'skip') return 'skipped';
  return attempts >= maxAttempts ? 'failed' : 'pending';
}

export function isFinal(status: DeliveryStatus): boolean {
  return status !== 'pending';
}

/** An outbox row is done when every channel's delivery is sent, skipped or given up. */
export function outboxDone(deliveries: readonly { status: DeliveryStatus }[]): boolean {
  return deliveries.every((d) => isFinal(d.status));
}

export interface WebhookPayload {
  /** The delivery's id: a receiver drops a repeat (delivery is at least once). */
  deliveryId: string;
  notificationId: string | null;
  kind: string;
  schoolId: string | null;
  recipientUserId: string | null;
  title: string;
  body: string;
  titleEn: string;
  bodyEn: string;
  link: string | null;
  createdAt: string;
  /** The same instant as the X-Kehou-Timestamp header; being in the body, it is signed. */
  sentAt: string;
}

export const signatureHeader = 'x-kehou-signature';
export const timestampHeader = 'x-kehou-timestamp';
export const deliveryHeader = 'x-kehou-delivery';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>` with the channel's secret. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does (and the tests do): recompute and compare in constant time. */
export function verifySignature(body: string, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Whether a receiver should accept a timestamp `skewSeconds` away from its clock (replay guard). */
export function timestampFresh(timestamp: string | undefined, nowMs: number, skewSeconds = 300): boolean {
  const t = Number(timestamp);
  return Number.isFinite(t) && Math.abs(nowMs / 1000 - t) <= skewSeconds;
}

/** A delivery error as stored and shown: one line, bounded. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500) || 'unknown error';
}

/**
 * Whether an IP address is one a school's webhook must not reach unless the operator allows it:
 * loopback, private (RFC 1918, fc00::/7), link-local (cloud metadata lives at 169.254.169.254),
 * carrier-grade NAT and unspecified addresses. Guards the servers' own network (SSRF).
 */
export function isInternalAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(v4);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6);
}
