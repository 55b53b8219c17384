// Kysely queries of the service fund: fund documents (FEE-2, FEE-8), the fund book's rows of a term
// (FEE-9, read only), and published statements.
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';
import type { FundDocumentKind, FundDocumentView } from './fund-contract';
import { type Entry, toEntry } from './ledger';
import type { Stream } from './rules';

export type FundDocumentRow = DB['fund_documents'];

export const fundEntryKey = (documentId: string) => `fund:${documentId}`;

export async function voucherTaken(db: Executor, schoolId: string, voucherNo: string): Promise<boolean> {
  const row = await db
    .selectFrom('fund_documents')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('voucher_no', '=', voucherNo)
    .executeTakeFirst();
  return !!row;
}

export async function insertDocument(db: Executor, row: FundDocumentRow): Promise<void> {
  await db.insertInto('fund_documents').values(row).execute();
}

export async function findDocument(db: Executor, schoolId: string, documentId: string) {
  return db
    .selectFrom('fund_documents')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', documentId)
    .executeTakeFirst();
}

/** A term's documents with their fund-book row and its reversal, newest first. */
export async function listDocuments(
  db: Executor,
  schoolId: string,
  termId: string,
  kind?: FundDocumentKind,
  documentId?: string,
): Promise<FundDocumentView[]> {
  let q = db
    .selectFrom('fund_documents as d')
    .innerJoin('ledger_entries as e', (j) =>
      j.onRef('e.source_id', '=', 'd.id').on('e.source_type', '=', 'fund_document').on('e.book', '=', 'fund'),
    )
    .leftJoin('ledger_entries as r', 'r.reverses_id', 'e.id')
    .innerJoin('users as u', 'u.id', 'd.recorded_by')
    .leftJoin('users as ru', 'ru.id', 'r.created_by')
    .select([
      'd.id',
      'd.term_id',
      'd.kind',
      'd.category',
      'd.occurred_on',
      'd.amount_fen',
      'd.voucher_no',
      'd.counterparty',
      'd.note',
      'd.students',
      'd.recorded_at',
      'u.display_name as recorded_by_name',
      'e.id as entry_id',
      'e.stream',
      'r.id as reversal_id',
      'r.reason_params as reversal_params',
      'r.created_at as reversal_at',
      'ru.display_name as reversal_by',
    ])
    .where('d.school_id', '=', schoolId)
    .where('d.term_id', '=', termId);
  if (kind) q = q.where('d.kind', '=', kind);
  if (documentId) q = q.where('d.id', '=', documentId);
  const rows = await q.orderBy('d.occurred_on', 'desc').orderBy('d.recorded_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    termId: r.term_id,
    kind: r.kind as FundDocumentKind,
    category: r.category,
    stream: r.stream as Stream,
    occurredOn: r.occurred_on,
    amountFen: Number(r.amount_fen),
    voucherNo: r.voucher_no,
    counterparty: r.counterparty,
    note: r.note,
    students: r.students === null ? null : Number(r.students),
    recordedBy: r.recorded_by_name,
    recordedAt: r.recorded_at,
    entryId: r.entry_id,
    reversal: r.reversal_id
      ? {
          entryId: r.reversal_id,
          reason: String((JSON.parse(r.reversal_params ?? '{}') as { note?: string }).note ?? ''),
          by: r.reversal_by ?? '',
          at: r.reversal_at ?? '',
        }
      : null,
  }));
}

/** The fund-book rows of a term, oldest first (what a statement and its lines are built from). */
export async function fundRowsOfTerm(db: Executor, schoolId: string, termId: string): Promise<Entry[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('book', '=', 'fund')
    .where('term_id', '=', termId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

/** Vouchers of the fund documents behind some rows (for the line-by-line list). */
export async function vouchersOf(db: Executor, documentIds: string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (let i = 0; i < documentIds.length; i += 500) {
    const rows = await db
      .selectFrom('fund_documents')
      .select(['id', 'voucher_no'])
      .where('id', 'in', documentIds.slice(i, i + 500))
      .execute();
    for (const r of rows) map.set(r.id, r.voucher_no);
  }
  return map;
}

export async function latestVersion(db: Executor, termId: string, period: string) {
  return db
    .selectFrom('fund_statements')
    .select(['id', 'version', 'published_at'])
    .where('term_id', '=', termId)
    .where('period', '=', period)
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

export type StatementRow = DB['fund_statements'];

export async function insertStatement(db: Executor, row: StatementRow): Promise<void> {
  await db.insertInto('fund_statements').values(row).execute();
}

export async function findStatement(db: Executor, schoolId: string, statementId: string) {
  return db
    .selectFrom('fund_statements')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('id', '=', statementId)
    .executeTakeFirst();
}

/** Published statements of some schools (optionally one term), newest first. */
export async function statementsOf(db: Executor, schoolIds: string[], termId?: string) {
  if (schoolIds.length === 0) return [];
  let q = db
    .selectFrom('fund_statements as s')
    .innerJoin('schools as sc', 'sc.id', 's.school_id')
    .innerJoin('terms as t', 't.id', 's.term_id')
    .select([
      's.id',
      's.school_id',
      's.term_id',
      's.period',
      's.version',
      's.content',
      's.published_at',
      'sc.name as school_name',
      'sc.code as school_code',
      't.name as term_name',
    ])
    .where('s.school_id', 'in', schoolIds);
  if (termId) q = q.where('s.term_id', '=', termId);
  return q.orderBy('sc.code').orderBy('s.published_at', 'desc').orderBy('s.version', 'desc').execute();
}

/** The parent accounts of a school, to tell them a statement is out. */
export async function parentUserIds(db: Executor, schoolId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select('user_id')
    .distinct()
    .where('school_id', '=', schoolId)
    .where('role', '=', 'parent')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function schoolName(db: Executor, schoolId: string): Promise<string> {
  const row = await db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirst();
  return row?.name ?? '';
}

export async function displayName(db: Executor, userId: string): Promise<string> {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? '';
}
