// The in-app inbox and its outbox. A notification is written in the same transaction as the change
// it reports; each also gets an outbox row that a channel (webhook, SMS, mail) will deliver later.

import { insertInChunks } from '../../db/batch';
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
