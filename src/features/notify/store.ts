// The in-app inbox and its outbox. A notification is written in the same transaction as the change
// it reports; each also gets an outbox row that a channel (webhook, SMS, mail) will deliver later.

import { insertInChunks } from '../../db/batch';
import { toNumber } from '../../db/dialect';
import type { Executor } from '../../server/context';
import { newId } from '../../server/context';

export interface NewNotification {
  userId: string;
  schoolId: string | null;
  /** A key of the message catalogue in `notify/messages.ts`. */
  kind: string;
  params: Record<string, string | number>;
  /** Where in the web app the reader should go, e.g. `/enrolment/applications/<id>`. */
  link?: string | null;
}

export async function notify(db: Executor, at: string, items: NewNotification[]): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map((n) => ({
    id: newId(),
    user_id: n.userId,
    school_id: n.schoolId,
    kind: n.kind,
    params: JSON.stringify(n.params),
    link: n.link ?? null,
    created_at: at,
    read_at: null,
  }));
  await insertInChunks(db, 'notifications', rows);
  await insertInChunks(
    db,
    'notify_outbox',
    rows.map((r) => ({
      id: newId(),
      notification_id: r.id,
      status: 'pending',
      attempts: 0,
      created_at: at,
      sent_at: null,
    })),
  );
}

/** A user's notifications, newest first; `before` pages by id (UUIDv7 ids sort by time). */
export async function listForUser(
  db: Executor,
  userId: string,
  options: { unreadOnly: boolean; before?: string | undefined; limit: number },
) {
  let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  if (options.before) query = query.where('id', '<', options.before);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return toNumber(row.n as number | string);
}

/**
 * Marks the user's notifications read (all unread ones when `ids` is null). Returns whether any
 * of the given ids is the user's; one already read counts as found.
 */
export async function markRead(db: Executor, userId: string, ids: string[] | null, at: string) {
  let update = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) update = update.where('id', 'in', ids);
  await update.execute();
  if (!ids) return true;
  const mine = await db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return mine !== undefined;
}
