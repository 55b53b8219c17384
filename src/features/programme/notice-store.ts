// Kysely queries for the notice to parents (PROG-7): the school's draft paragraphs and the
// published versions with their frozen snapshots.
import type { Executor } from '../../server/context';

export async function findDraft(db: Executor, termId: string) {
  return db
    .selectFrom('term_notice_drafts')
    .select(['texts', 'updated_at'])
    .where('term_id', '=', termId)
    .executeTakeFirst();
}

export async function saveDraft(db: Executor, termId: string, texts: object, at: string) {
  const values = { texts: JSON.stringify(texts), updated_at: at };
  await db
    .insertInto('term_notice_drafts')
    .values({ term_id: termId, ...values })
    .onConflict((oc) => oc.column('term_id').doUpdateSet(values))
    .execute();
}

function noticeQuery(db: Executor, termId: string) {
  return db
    .selectFrom('term_notices')
    .innerJoin('users', 'users.id', 'term_notices.published_by')
    .select([
      'term_notices.id',
      'term_notices.version',
      'term_notices.published_at',
      'users.display_name as published_by',
    ])
    .where('term_notices.term_id', '=', termId);
}

export async function listVersions(db: Executor, termId: string) {
  return noticeQuery(db, termId).orderBy('term_notices.version', 'desc').execute();
}

/** One version with its snapshot; the latest when `version` is omitted. */
export async function findNotice(db: Executor, termId: string, version?: number) {
  let q = noticeQuery(db, termId).select('term_notices.content');
  q =
    version === undefined
      ? q.orderBy('term_notices.version', 'desc').limit(1)
      : q.where('version', '=', version);
  return q.executeTakeFirst();
}

export async function insertNotice(
  db: Executor,
  row: { id: string; termId: string; version: number; content: object; at: string; by: string },
) {
  await db
    .insertInto('term_notices')
    .values({
      id: row.id,
      term_id: row.termId,
      version: row.version,
      content: JSON.stringify(row.content),
      published_at: row.at,
      published_by: row.by,
    })
    .execute();
}
