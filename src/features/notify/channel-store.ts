// Queries of the notify channels, the outbox claims and the per-channel deliveries. No decisions.
import { type DialectName, forUpdateSkipLocked, toNumber } from '../../db/dialect';
import type { NotifyChannelTable } from '../../db/schema';
import type { Executor } from '../../server/context';
import { newId } from '../../server/context';

export type ChannelRow = NotifyChannelTable;

export async function listChannels(db: Executor, schoolId: string): Promise<ChannelRow[]> {
  return db
    .selectFrom('notify_channels')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findChannel(db: Executor, schoolId: string, channelId: string) {
  return db
    .selectFrom('notify_channels')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', channelId)
    .executeTakeFirst();
}

export async function insertChannel(db: Executor, row: ChannelRow): Promise<void> {
  await db.insertInto('notify_channels').values(row).execute();
}

export async function updateChannel(
  db: Executor,
  channelId: string,
  patch: Pick<ChannelRow, 'name' | 'enabled' | 'config' | 'secret' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('notify_channels').set(patch).where('id', '=', channelId).execute();
}

export async function enabledChannelsOf(db: Executor, schoolIds: string[]): Promise<ChannelRow[]> {
  if (schoolIds.length === 0) return [];
  return db
    .selectFrom('notify_channels')
    .selectAll()
    .where('school_id', 'in', schoolIds)
    .where('enabled', '=', 1)
    .execute();
}

export interface ClaimedOutbox {
  id: string;
  attempts: number;
  notificationId: string;
  userId: string;
  schoolId: string | null;
  kind: string;
  params: string;
  link: string | null;
  createdAt: string;
}

/**
 * Claims pending outbox rows that are due and not held by another drain: a short lease (so a crashed
 * drain's rows come back) taken under `FOR UPDATE SKIP LOCKED` on PostgreSQL, the writer lock on SQLite.
 */
export async function claimOutbox(
  db: Executor,
  dialect: DialectName,
  now: string,
  lockedUntil: string,
  limit: number,
): Promise<ClaimedOutbox[]> {
  const due = await forUpdateSkipLocked(
    dialect,
    db
      .selectFrom('notify_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('created_at')
      .limit(limit),
  ).execute();
  if (due.length === 0) return [];
  const ids = due.map((r) => r.id);
  await db.updateTable('notify_outbox').set({ locked_until: lockedUntil }).where('id', 'in', ids).execute();
  return db
    .selectFrom('notify_outbox as o')
    .innerJoin('notifications as n', 'n.id', 'o.notification_id')
    .select([
      'o.id',
      'o.attempts',
      'n.id as notificationId',
      'n.user_id as userId',
      'n.school_id as schoolId',
      'n.kind',
      'n.params',
      'n.link',
      'n.created_at as createdAt',
    ])
    .where('o.id', 'in', ids)
    .orderBy('o.created_at')
    .execute();
}

/**
 * Moves a claimed row's lease forward just before working on it, only if it is still this drain's
 * claim (its lease is the one we set). A row whose lease ran out while earlier rows of the batch
 * were slow, and which another drain has since claimed, answers false and is left to that drain.
 */
export async function renewOutboxLease(
  db: Executor,
  outboxId: string,
  heldUntil: string,
  nextUntil: string,
): Promise<boolean> {
  const r = await db
    .updateTable('notify_outbox')
    .set({ locked_until: nextUntil })
    .where('id', '=', outboxId)
    .where('status', '=', 'pending')
    .where('locked_until', '=', heldUntil)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Creates the missing delivery rows of an outbox row, one per channel; existing ones stay. */
export async function ensureDeliveries(
  db: Executor,
  outboxId: string,
  schoolId: string,
  channelIds: string[],
  at: string,
): Promise<void> {
  if (channelIds.length === 0) return;
  await db
    .insertInto('notify_deliveries')
    .values(
      channelIds.map((channelId) => ({
        id: newId(),
        outbox_id: outboxId,
        channel_id: channelId,
        school_id: schoolId,
        status: 'pending',
        attempts: 0,
        last_error: null,
        sent_at: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['outbox_id', 'channel_id']).doNothing())
    .execute();
}

export async function deliveriesOf(db: Executor, outboxId: string) {
  return db.selectFrom('notify_deliveries').selectAll().where('outbox_id', '=', outboxId).execute();
}

/** Records an attempt's outcome; only a pending delivery changes, so a sent one is never redone. */
export async function recordDelivery(
  db: Executor,
  deliveryId: string,
  patch: {
    status: string;
    attempts: number;
    last_error: string | null;
    sent_at: string | null;
    updated_at: string;
  },
): Promise<void> {
  await db
    .updateTable('notify_deliveries')
    .set(patch)
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending')
    .execute();
}

export async function finishOutbox(
  db: Executor,
  outboxId: string,
  at: string,
  attempts: number,
): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set({ status: 'done', sent_at: at, attempts, locked_until: null, next_attempt_at: null })
    .where('id', '=', outboxId)
    .execute();
}

export async function rescheduleOutbox(
  db: Executor,
  outboxId: string,
  attempts: number,
  nextAttemptAt: string,
  lastError: string | null,
): Promise<void> {
  await db
    .updateTable('notify_outbox')
    .set({ attempts, next_attempt_at: nextAttemptAt, last_error: lastError, locked_until: null })
    .where('id', '=', outboxId)
    .execute();
}

export async function recipientsOf(db: Executor, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, { email: string | null; locale: string; name: string }>();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'locale', 'display_name'])
    .where('id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { email: r.email ?? null, locale: r.locale, name: r.display_name }]));
}

export async function listDeliveries(
  db: Executor,
  schoolId: string,
  options: { channelId?: string | undefined; status?: string | undefined; offset: number; limit: number },
) {
  let base = db
    .selectFrom('notify_deliveries as d')
    .innerJoin('notify_channels as c', 'c.id', 'd.channel_id')
    .innerJoin('notify_outbox as o', 'o.id', 'd.outbox_id')
    .innerJoin('notifications as n', 'n.id', 'o.notification_id')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .where('d.school_id', '=', schoolId);
  if (options.channelId) base = base.where('d.channel_id', '=', options.channelId);
  if (options.status) base = base.where('d.status', '=', options.status);
  const [rows, total] = await Promise.all([
    base
      .select([
        'd.id',
        'd.channel_id as channelId',
        'c.name as channelName',
        'n.kind',
        'u.display_name as recipient',
        'd.status',
        'd.attempts',
        'd.last_error as lastError',
        'd.sent_at as sentAt',
        'd.created_at as createdAt',
      ])
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc')
      .offset(options.offset)
      .limit(options.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toNumber(total.n as number | string) };
}

export async function userInSchool(db: Executor, schoolId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('role_grants')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('user_id', '=', userId)
    .where('role', '!=', 'parent')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setUserEmail(db: Executor, userId: string, email: string | null, at: string) {
  await db.updateTable('users').set({ email, updated_at: at }).where('id', '=', userId).execute();
}

export async function userEmail(db: Executor, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
  return row?.email ?? null;
}

/** The school's staff (any role but parent) with their email, for the admin's mail settings. */
export async function staffEmails(db: Executor, schoolId: string) {
  return db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id as userId', 'u.display_name as name', 'u.email'])
    .distinct()
    .where('g.school_id', '=', schoolId)
    .where('g.role', '!=', 'parent')
    .where('u.disabled', '=', 0)
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
}

/** `schoolId:userId` of the recipients who are staff at the school (any role but parent). */
export async function staffAmong(db: Executor, schoolIds: string[], userIds: string[]): Promise<Set<string>> {
  if (schoolIds.length === 0 || userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('role_grants')
    .select(['school_id', 'user_id'])
    .distinct()
    .where('school_id', 'in', schoolIds)
    .where('user_id', 'in', userIds)
    .where('role', '!=', 'parent')
    .execute();
  return new Set(rows.map((r) => `${r.school_id}:${r.user_id}`));
}
