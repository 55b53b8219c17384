// Drains the notify outbox to each enabled channel of the notification's school (webhook, SMTP).
// The in-app inbox needs no delivery: the notification row is the message. Each (outbox row,
// channel) pair has a delivery row recording its outcome, so a retry sends only what has not gone
// out; the outbox row is done once every delivery is sent, skipped or given up. Runs as a recurring
// job; several processes may drain at once (claims are leased, see channel-store.claimOutbox).
import { backoffMs } from '../../../jobs/backoff';
import { enqueue } from '../../../jobs/queue';
import type { AppContext, Executor } from '../../../server/context';
import {
  type DeliveryEvent,
  type DeliveryStatus,
  errorText,
  nextDeliveryStatus,
  outboxDone,
  type WebhookPayload,
} from '../channel-rules';
import { type SmtpConfig, sendMail, sendWebhook, type WebhookConfig } from '../channel-senders';
import * as store from '../channel-store';
import { renderNotification, staffKinds } from '../messages';

/** Retries of a delivery: 30 s doubling to an hour's cap (8 attempts ≈ an hour in all). */
export const deliveryBackoff = { baseMs: 30_000, maxMs: 60 * 60_000 };
const leaseMs = 2 * 60_000;
const rowConcurrency = 4;

/** The job kind of an immediate drain (see `requestDrainNow`). */
export const drainNowKind = 'notify.drainNow';

/**
 * Inside the caller's transaction: asks the workers to drain the outbox now (an incident's family
 * should not wait for the next tick). One request per second at most, however many callers.
 */
export async function requestDrainNow(db: Executor, at: string): Promise<void> {
  await enqueue(db, at, {
    kind: drainNowKind,
    uniqueKey: `${drainNowKind}@${at.slice(0, 19)}`,
    maxAttempts: 1,
  });
}

export interface DrainResult {
  claimed: number;
  sent: number;
  skipped: number;
  retrying: number;
  failed: number;
}

export async function drainOutbox(ctx: AppContext, options: { limit?: number } = {}): Promise<DrainResult> {
  const result: DrainResult = { claimed: 0, sent: 0, skipped: 0, retrying: 0, failed: 0 };
  const now = ctx.now();
  const nowIso = now.toISOString();
  const claimedUntil = new Date(now.getTime() + leaseMs).toISOString();
  const claimed = await ctx.db
    .transaction()
    .execute((trx) => store.claimOutbox(trx, ctx.dialect, nowIso, claimedUntil, options.limit ?? 20));
  result.claimed = claimed.length;
  if (claimed.length === 0) return result;
  const schoolIds = [...new Set(claimed.map((r) => r.schoolId).filter((s): s is string => s !== null))];
  const channels = await store.enabledChannelsOf(ctx.db, schoolIds);
  const userIds = [...new Set(claimed.map((r) => r.userId))];
  const recipients = await store.recipientsOf(ctx.db, userIds);
  const staff = await store.staffAmong(ctx.db, schoolIds, userIds);
  const deliverRow = async (row: store.ClaimedOutbox) => {
    // Each row gets a fresh lease as work on it starts (a row takes at most a few sends, each
    // bounded by the timeout), and is skipped if another drain took it over meanwhile.
    const renewed = await store.renewOutboxLease(
      ctx.db,
      row.id,
      claimedUntil,
      new Date(ctx.now().getTime() + leaseMs).toISOString(),
    );
    if (!renewed) return;
    const mine = row.schoolId ? channels.filter((c) => c.school_id === row.schoolId) : [];
    if (row.schoolId)
      await store.ensureDeliveries(
        ctx.db,
        row.id,
        row.schoolId,
        mine.map((c) => c.id),
        nowIso,
      );
    const deliveries = await store.deliveriesOf(ctx.db, row.id);
    const statuses: { status: DeliveryStatus }[] = [];
    for (const delivery of deliveries) {
      if (delivery.status !== 'pending') {
        statuses.push({ status: delivery.status as DeliveryStatus });
        continue;
      }
      const channel = mine.find((c) => c.id === delivery.channel_id);
      const outcome = !channel
        ? { event: 'skip' as const, error: 'channel disabled or removed' }
        : staffOnly(channel) && (!staffKinds.has(row.kind) || !staff.has(`${row.schoolId}:${row.userId}`))
          ? // SAFE-2: a family's message never reaches a staff-only channel (a staff group chat), even
            // when the parent is also a teacher there; only staff kinds to staff go.
            { event: 'skip' as const, error: 'not a staff message to staff (staff-only channel)' }
          : await attempt(ctx, channel, row, delivery.id, recipients.get(row.userId));
      const attempts = delivery.attempts + 1;
      const status = nextDeliveryStatus('pending', outcome.event, attempts);
      const at = ctx.now().toISOString();
      await store.recordDelivery(ctx.db, delivery.id, {
        status,
        attempts,
        last_error: outcome.error,
        sent_at: status === 'sent' ? at : null,
        updated_at: at,
      });
      statuses.push({ status });
      if (status === 'sent') result.sent++;
      else if (status === 'skipped') result.skipped++;
      else if (status === 'failed') result.failed++;
      else result.retrying++;
    }
    const attempts = row.attempts + 1;
    if (outboxDone(statuses)) await store.finishOutbox(ctx.db, row.id, ctx.now().toISOString(), attempts);
    else {
      const retryAt = new Date(ctx.now().getTime() + backoffMs(attempts, Math.random(), deliveryBackoff));
      await store.rescheduleOutbox(ctx.db, row.id, attempts, retryAt.toISOString(), 'some channels failed');
    }
  };
  // A few rows at once: a slow endpoint delays its own rows, not the whole batch.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(rowConcurrency, claimed.length) }, async () => {
      while (next < claimed.length) await deliverRow(claimed[next++]!);
    }),
  );
  return result;
}

async function attempt(
  ctx: AppContext,
  channel: store.ChannelRow,
  row: store.ClaimedOutbox,
  deliveryId: string,
  recipient: { email: string | null; locale: string; name: string } | undefined,
): Promise<{ event: DeliveryEvent; error: string | null }> {
  const params = parseParams(row.params);
  try {
    if (channel.kind === 'webhook') {
      if (!channel.secret) return { event: 'skip', error: 'webhook has no secret' };
      const zh = renderNotification(row.kind, params, 'zh-CN');
      const en = renderNotification(row.kind, params, 'en');
      const payload: WebhookPayload = {
        deliveryId,
        notificationId: row.notificationId,
        kind: row.kind,
        schoolId: row.schoolId,
        recipientUserId: row.userId,
        title: zh.title,
        body: zh.body,
        titleEn: en.title,
        bodyEn: en.body,
        link: absoluteLink(ctx, row.link),
        createdAt: row.createdAt,
        sentAt: ctx.now().toISOString(),
      };
      await sendWebhook(
        JSON.parse(channel.config) as WebhookConfig,
        channel.secret,
        payload,
        ctx.config.notifyTimeoutMs,
        ctx.config.webhookAllowInternal,
      );
      return { event: 'sent', error: null };
    }
    if (channel.kind === 'smtp') {
      // Recorded, not retried: the account has no address to send to.
      if (!recipient?.email) return { event: 'skip', error: 'recipient has no email address' };
      const text = renderNotification(row.kind, params, recipient.locale === 'en' ? 'en' : 'zh-CN');
      const link = absoluteLink(ctx, row.link);
      await sendMail(
        JSON.parse(channel.config) as SmtpConfig,
        channel.secret,
        {
          to: recipient.email,
          subject: text.title,
          text: [text.body, link ?? '', '', '— 课后 Kehou'].join('\n'),
        },
        ctx.config.notifyTimeoutMs,
      );
      return { event: 'sent', error: null };
    }
    return { event: 'skip', error: `unknown channel kind ${channel.kind}` };
  } catch (err) {
    return { event: 'error', error: errorText(err) };
  }
}

function staffOnly(channel: store.ChannelRow): boolean {
  return (JSON.parse(channel.config) as { audience?: string }).audience === 'staff';
}

function parseParams(json: string): Record<string, unknown> {
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function absoluteLink(ctx: AppContext, link: string | null): string | null {
  if (!link) return null;
  return ctx.config.publicUrl && link.startsWith('/') ? `${ctx.config.publicUrl}${link}` : link;
}
