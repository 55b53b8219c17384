// The signed-in account's inbox: its own notifications only, newest first, rendered in the
// reader's language; mark one or all read.

import type { z } from 'zod';
import type { Actor } from '../../server/auth/policies';
import type { AppContext } from '../../server/context';
import { AppError, type Locale } from '../../server/errors';
import type { NotificationList, notificationListQuery } from './contract';
import { renderNotification } from './messages';
import * as store from './store';

export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  locale: Locale,
  query: z.infer<typeof notificationListQuery>,
): Promise<NotificationList> {
  const [rows, unread] = await Promise.all([
    store.listForUser(ctx.db, actor.userId, {
      unreadOnly: query.unread ?? false,
      before: query.before,
      limit: query.limit,
    }),
    store.unreadCount(ctx.db, actor.userId),
  ]);
  return {
    unread,
    items: rows.map((r) => {
      let params: Record<string, unknown> = {};
      try {
        params = JSON.parse(r.params) as Record<string, unknown>;
      } catch {
        params = {};
      }
      return {
        id: r.id,
        kind: r.kind,
        ...renderNotification(r.kind, params, locale),
        link: r.link,
        schoolId: r.school_id,
        createdAt: r.created_at,
        readAt: r.read_at,
      };
    }),
  };
}

export async function markNotificationRead(
  ctx: AppContext,
  actor: Actor,
  notificationId: string,
): Promise<{ unread: number }> {
  const found = await store.markRead(ctx.db, actor.userId, [notificationId], ctx.now().toISOString());
  // Someone else's notification does not exist for you.
  if (!found) throw new AppError('NOT_FOUND');
  return { unread: await store.unreadCount(ctx.db, actor.userId) };
}

export async function markAllNotificationsRead(ctx: AppContext, actor: Actor): Promise<{ unread: number }> {
  await store.markRead(ctx.db, actor.userId, null, ctx.now().toISOString());
  return { unread: 0 };
}
