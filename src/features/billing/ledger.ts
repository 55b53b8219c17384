// The ledger (台账, FEE-11): append-only entries in fen. Every balance shown anywhere is a sum of
// entries read here, and can be listed line by line with `entriesOf`. Entries are never updated or
// deleted; `reverse` writes the opposite entry. See migration 0010 for the two books and signs.

import { sql } from 'kysely';
import { isUniqueViolation } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { Executor } from '../../server/context';
import { newId } from '../../server/context';
import { AppError } from '../../server/errors';
import type { Stream } from './rules';

/**
 * The kinds of entry. Family book (owed by the family for one student; + owed):
 *   charge +, waiver −, credit − (a settlement refund), adjustment ± (a correction of a settled
 *   month), payment −, payout + (money paid back), meal_charge +.
 * Fund book (the service fund; + income): fee_income +, fee_payout −, subsidy +, other_income +,
 *   expense −.
 * Any entry may be reversed once by a `reversal` of the opposite amount in the same book.
 */
export const familyKinds = [
  'charge',
  'waiver',
  'credit',
  'adjustment',
  'payment',
  'payout',
  'meal_charge',
] as const;
export const fundKinds = ['fee_income', 'fee_payout', 'subsidy', 'other_income', 'expense'] as const;
export type EntryKind = (typeof familyKinds)[number] | (typeof fundKinds)[number] | 'reversal';
export type Book = 'family' | 'fund';

export interface NewEntry {
  schoolId: string;
  termId: string | null;
  book: Book;
  stream: Stream;
  kind: EntryKind;
  studentId?: string | null;
  offeringId?: string | null;
  month?: string | null;
  amountFen: number;
  sourceType: string;
  sourceId: string;
  /** A derived entry's identity: appending an entry whose key exists writes nothing. */
  entryKey?: string | null;
  reasonCode: string;
  reasonParams?: Record<string, string | number>;
}

export interface Entry {
  id: string;
  schoolId: string;
  termId: string | null;
  book: Book;
  stream: Stream;
  kind: EntryKind;
  studentId: string | null;
  offeringId: string | null;
  month: string | null;
  amountFen: number;
  sourceType: string;
  sourceId: string;
  entryKey: string | null;
  reversesId: string | null;
  reasonCode: string;
  reasonParams: Record<string, string | number>;
  createdAt: string;
  createdBy: string | null;
}

const chunk = 200;

/**
 * Appends entries in the caller's transaction. Amounts must be whole fen; an entry whose
 * `entryKey` already exists is skipped (so deriving the same charge twice charges once).
 * Returns the ids written, in order, with null for skipped ones.
 */
export async function appendEntries(
  db: Executor,
  entries: readonly NewEntry[],
  at: string,
  by: string | null,
): Promise<(string | null)[]> {
  if (entries.length === 0) return [];
  for (const e of entries)
    if (!Number.isSafeInteger(e.amountFen))
      throw new RangeError(`ledger amount must be whole fen: ${e.amountFen}`);
  const keys = entries.map((e) => e.entryKey).filter((k): k is string => !!k);
  const taken = new Set<string>();
  for (let i = 0; i < keys.length; i += chunk) {
    const rows = await db
      .selectFrom('ledger_entries')
      .select('entry_key')
      .where('entry_key', 'in', keys.slice(i, i + chunk))
      .execute();
    for (const r of rows) taken.add(r.entry_key!);
  }
  const ids: (string | null)[] = [];
  const rows = [];
  for (const e of entries) {
    if (e.entryKey && taken.has(e.entryKey)) {
      ids.push(null);
      continue;
    }
    if (e.entryKey) taken.add(e.entryKey);
    const id = newId();
    ids.push(id);
    rows.push({
      id,
      school_id: e.schoolId,
      term_id: e.termId,
      book: e.book,
      stream: e.stream,
      kind: e.kind,
      student_id: e.studentId ?? null,
      offering_id: e.offeringId ?? null,
      month: e.month ?? null,
      amount_fen: e.amountFen,
      source_type: e.sourceType,
      source_id: e.sourceId,
      entry_key: e.entryKey ?? null,
      reverses_id: null,
      reason_code: e.reasonCode,
      reason_params: JSON.stringify(e.reasonParams ?? {}),
      created_at: at,
      created_by: by,
    });
  }
  for (let i = 0; i < rows.length; i += chunk)
    await db
      .insertInto('ledger_entries')
      .values(rows.slice(i, i + chunk))
      .execute();
  return ids;
}

/**
 * FEE-11: corrects an entry by writing its opposite (same book, stream, student, month). An entry
 * is reversed at most once (a unique index holds it under concurrency too); a reversal is not
 * itself reversed: record the right entry instead.
 */
export async function reverseEntry(
  db: Executor,
  schoolId: string,
  entryId: string,
  reason: { sourceType: string; sourceId: string; note: string },
  at: string,
  by: string,
): Promise<Entry> {
  const original = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('id', '=', entryId)
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  if (!original) throw new AppError('NOT_FOUND');
  if (original.kind === 'reversal') throw new AppError('ENTRY_ALREADY_REVERSED');
  const already = await db
    .selectFrom('ledger_entries')
    .select('id')
    .where('reverses_id', '=', entryId)
    .executeTakeFirst();
  if (already) throw new AppError('ENTRY_ALREADY_REVERSED');
  const id = newId();
  const row = {
    ...original,
    id,
    kind: 'reversal',
    amount_fen: -original.amount_fen,
    source_type: reason.sourceType,
    source_id: reason.sourceId,
    entry_key: null,
    reverses_id: original.id,
    reason_code: 'reversal',
    reason_params: JSON.stringify({ of: original.reason_code, note: reason.note }),
    created_at: at,
    created_by: by,
  };
  try {
    await db.insertInto('ledger_entries').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('ENTRY_ALREADY_REVERSED');
    throw err;
  }
  return toEntry(row);
}

/** A stored row as the ledger's reader sees it (schema.ts `LedgerEntryTable`). */
export function toEntry(r: DB['ledger_entries']): Entry {
  return {
    id: r.id,
    schoolId: r.school_id,
    termId: r.term_id,
    book: r.book as Book,
    stream: r.stream as Stream,
    kind: r.kind as EntryKind,
    studentId: r.student_id,
    offeringId: r.offering_id,
    month: r.month,
    amountFen: Number(r.amount_fen),
    sourceType: r.source_type,
    sourceId: r.source_id,
    entryKey: r.entry_key,
    reversesId: r.reverses_id,
    reasonCode: r.reason_code,
    reasonParams: JSON.parse(r.reason_params) as Record<string, string | number>,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export interface EntryFilter {
  schoolId: string;
  book: Book;
  termId?: string;
  studentId?: string;
  stream?: Stream;
  month?: string;
}

/** The entries behind a balance, oldest first: what "line by line" shows. */
export async function entriesOf(db: Executor, f: EntryFilter): Promise<Entry[]> {
  let q = db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('school_id', '=', f.schoolId)
    .where('book', '=', f.book);
  if (f.termId) q = q.where('term_id', '=', f.termId);
  if (f.studentId) q = q.where('student_id', '=', f.studentId);
  if (f.stream) q = q.where('stream', '=', f.stream);
  if (f.month) q = q.where('month', '=', f.month);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map(toEntry);
}

/**
 * Sums per kind (reversals folded into the kind they reverse), so a statement can say "charged,
 * waived, credited, paid" and the parts add up to the balance.
 */
export interface KindTotals {
  byKind: Partial<Record<EntryKind, number>>;
  balanceFen: number;
}

export function totalsOf(entries: readonly Entry[]): KindTotals {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const byKind: Partial<Record<EntryKind, number>> = {};
  let balanceFen = 0;
  for (const e of entries) {
    const kind = e.kind === 'reversal' ? (byId.get(e.reversesId ?? '')?.kind ?? 'reversal') : e.kind;
    byKind[kind] = (byKind[kind] ?? 0) + e.amountFen;
    balanceFen += e.amountFen;
  }
  return { byKind, balanceFen };
}

/** One SQL sum per student (and stream) of the family book: the owed balance, for lists. */
export async function familyBalances(
  db: Executor,
  schoolId: string,
  termId: string,
  stream: Stream,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['student_id', sql<number>`sum(amount_fen)`.as('balance')])
    .where('school_id', '=', schoolId)
    .where('term_id', '=', termId)
    .where('book', '=', 'family')
    .where('stream', '=', stream)
    .groupBy('student_id')
    .execute();
  return new Map(rows.map((r) => [r.student_id!, Number(r.balance)]));
}

/**
 * The next number of a series ('B' term bills, 'R' receipts, 'M' meal bills) for a school, taken
 * in the caller's transaction: one upsert, so concurrent writers get distinct numbers.
 */
export async function nextNumber(db: Executor, schoolId: string, series: string): Promise<number> {
  const row = await db
    .insertInto('billing_counters')
    .values({ school_id: schoolId, series, last_no: 1 })
    .onConflict((oc) =>
      oc.columns(['school_id', 'series']).doUpdateSet({ last_no: sql<number>`billing_counters.last_no + 1` }),
    )
    .returning('last_no')
    .executeTakeFirstOrThrow();
  return Number(row.last_no);
}
