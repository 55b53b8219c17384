// A school's notify channels (webhook, SMTP): the admin lists, adds, edits and tests them and reads
// the delivery log. Secrets (webhook signing key, SMTP password) are write-only: kept, used, never
// answered. Every change is audited without the secret.
import type { z } from 'zod';
import { accessSchool, auditor } from '../../../server/auth/access';
import type { Actor } from '../../../server/auth/policies';
import { type AppContext, newId, type RequestMeta } from '../../../server/context';
import { AppError } from '../../../server/errors';
import { writeAudit } from '../../audit/store';
import type {
  ChannelInput,
  ChannelView,
  channelTestInput,
  channelTestResult,
  deliveryList,
  deliveryListQuery,
} from '../channel-contract';
import { errorText, type WebhookPayload } from '../channel-rules';
import { type SmtpConfig, sendMail, sendWebhook, type WebhookConfig } from '../channel-senders';
import * as store from '../channel-store';

function configOf(input: ChannelInput): Record<string, unknown> {
  return input.kind === 'webhook'
    ? { url: input.url, audience: input.audience }
    : {
        host: input.host,
        port: input.port,
        secure: input.secure,
        user: input.user,
        from: input.from,
        audience: input.audience,
      };
}

export function channelView(row: store.ChannelRow): ChannelView {
  const config = JSON.parse(row.config) as Partial<WebhookConfig & SmtpConfig> & { audience?: string };
  return {
    id: row.id,
    kind: row.kind === 'smtp' ? 'smtp' : 'webhook',
    name: row.name,
    enabled: row.enabled === 1,
    audience: config.audience === 'staff' ? 'staff' : 'all',
    url: config.url ?? null,
    host: config.host ?? null,
    port: config.port ?? null,
    secure: config.secure ?? null,
    user: config.user ?? null,
    from: config.from ?? null,
    secretSet: row.secret !== null && row.secret !== '',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What the audit keeps of a channel: everything but the secret. */
const audited = (v: ChannelView) => ({ ...v });

export async function listChannels(ctx: AppContext, actor: Actor, schoolId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'notifyChannel.write');
  return { items: (await store.listChannels(ctx.db, school.id)).map(channelView) };
}

export async function createChannel(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  input: ChannelInput,
): Promise<ChannelView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'notifyChannel.write');
    const secret = input.kind === 'webhook' ? input.secret : input.password;
    if (input.kind === 'webhook' && !secret) throw new AppError('NOTIFY_CHANNEL_SECRET_REQUIRED');
    const at = ctx.now().toISOString();
    const row: store.ChannelRow = {
      id: newId(),
      school_id: school.id,
      kind: input.kind,
      name: input.name,
      enabled: input.enabled ? 1 : 0,
      config: JSON.stringify(configOf(input)),
      secret: secret ?? null,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
    };
    await store.insertChannel(trx, row);
    const view = channelView(row);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'notifyChannel.create',
        'notify_channel',
        row.id,
        null,
        audited(view),
      ),
    );
    return view;
  });
}

export async function updateChannel(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  channelId: string,
  input: ChannelInput,
): Promise<ChannelView> {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'notifyChannel.write');
    const before = await store.findChannel(trx, school.id, channelId);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.kind !== input.kind) throw new AppError('NOTIFY_CHANNEL_KIND_FIXED');
    // Absent keeps the stored secret; an SMTP password may be cleared with null.
    const given = input.kind === 'webhook' ? input.secret : input.password;
    const secret = given === undefined ? before.secret : given;
    const at = ctx.now().toISOString();
    const patch = {
      name: input.name,
      enabled: input.enabled ? 1 : 0,
      config: JSON.stringify(configOf(input)),
      secret,
      updated_at: at,
    };
    await store.updateChannel(trx, before.id, patch);
    const after = { ...before, ...patch };
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)(
        'notifyChannel.update',
        'notify_channel',
        before.id,
        { ...audited(channelView(before)) },
        { ...audited(channelView(after)), secretChanged: given !== undefined },
      ),
    );
    return channelView(after);
  });
}

/** Sends one test message through the channel now and says whether it went. */
export async function testChannel(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  channelId: string,
  input: z.infer<typeof channelTestInput>,
): Promise<z.infer<typeof channelTestResult>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'notifyChannel.write');
  const channel = await store.findChannel(ctx.db, school.id, channelId);
  if (!channel) throw new AppError('NOT_FOUND');
  const at = ctx.now().toISOString();
  let error: string | null = null;
  try {
    if (channel.kind === 'webhook') {
      if (!channel.secret) throw new AppError('NOTIFY_CHANNEL_SECRET_REQUIRED');
      const payload: WebhookPayload = {
        deliveryId: newId(),
        notificationId: null,
        kind: 'channel.test',
        schoolId: school.id,
        recipientUserId: actor.userId,
        title: '测试消息',
        body: `这是课后系统发出的测试消息（${channel.name}）。`,
        titleEn: 'Test message',
        bodyEn: `A test message from Kehou (${channel.name}).`,
        link: null,
        createdAt: at,
        sentAt: at,
      };
      await sendWebhook(
        JSON.parse(channel.config) as WebhookConfig,
        channel.secret,
        payload,
        ctx.config.notifyTimeoutMs,
        ctx.config.webhookAllowInternal,
      );
    } else {
      const to = input.to ?? (await store.userEmail(ctx.db, actor.userId));
      if (!to) throw new AppError('NOTIFY_TEST_NO_EMAIL');
      await sendMail(
        JSON.parse(channel.config) as SmtpConfig,
        channel.secret,
        {
          to,
          subject: '课后系统测试邮件 / Kehou test mail',
          text: `这是课后系统发出的测试邮件（${channel.name}）。\nA test mail from Kehou (${channel.name}).`,
        },
        ctx.config.notifyTimeoutMs,
      );
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    error = errorText(err);
  }
  await writeAudit(
    ctx.db,
    auditor(ctx, actor, meta, school)('notifyChannel.test', 'notify_channel', channel.id, null, {
      ok: error === null,
      error,
    }),
  );
  return { ok: error === null, error };
}

export async function listDeliveries(
  ctx: AppContext,
  actor: Actor,
  schoolId: string,
  query: z.infer<typeof deliveryListQuery>,
): Promise<z.infer<typeof deliveryList>> {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'notifyChannel.write');
  const { rows, total } = await store.listDeliveries(ctx.db, school.id, {
    channelId: query.channelId,
    status: query.status,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    total,
    items: rows.map((r) => ({ ...r, status: r.status as 'pending' | 'sent' | 'skipped' | 'failed' })),
  };
}

/** The signed-in account's own email (where SMTP channels reach it). */
export async function myContact(ctx: AppContext, actor: Actor) {
  return { email: await store.userEmail(ctx.db, actor.userId) };
}

export async function setMyEmail(ctx: AppContext, actor: Actor, meta: RequestMeta, email: string | null) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await store.userEmail(trx, actor.userId);
    const at = ctx.now().toISOString();
    await store.setUserEmail(trx, actor.userId, email, at);
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, null)('user.email', 'user', actor.userId, { email: before }, { email }),
    );
    return { email };
  });
}

/** The school's staff with their email (who a mail channel reaches). */
export async function listStaffEmails(ctx: AppContext, actor: Actor, schoolId: string) {
  const { school } = await accessSchool(ctx.db, actor, schoolId, 'staff.write');
  const rows = await store.staffEmails(ctx.db, school.id);
  return { items: rows.map((r) => ({ userId: r.userId, name: r.name, email: r.email ?? null })) };
}

/** The admin records a staff member's email (staff without a habit of opening the app). */
export async function setStaffEmail(
  ctx: AppContext,
  actor: Actor,
  meta: RequestMeta,
  schoolId: string,
  userId: string,
  email: string | null,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { school } = await accessSchool(trx, actor, schoolId, 'staff.write');
    if (!(await store.userInSchool(trx, school.id, userId))) throw new AppError('NOT_FOUND');
    const before = await store.userEmail(trx, userId);
    await store.setUserEmail(trx, userId, email, ctx.now().toISOString());
    await writeAudit(
      trx,
      auditor(ctx, actor, meta, school)('user.email', 'user', userId, { email: before }, { email }),
    );
    return { email };
  });
}
